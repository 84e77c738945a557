import CTNMassBalance
import CTNModel
import Foundation

/// The mass-balance reports as readable documents (Markdown), and the offline check of an audit pack.
enum MassBalanceReport {
    static func kg(_ v: JSONValue?) -> String {
        guard let value = v?["value"]?.numberValue else { return "-" }
        return abs(value) >= 1000 ? "\(CanonicalJSON.number(value / 1000)) t" : "\(CanonicalJSON.number(value)) kg"
    }

    static func text(_ v: JSONValue?) -> String { v?.stringValue ?? "-" }

    /// The carry-forward report: one row per pool, with what may still be claimed and what expired.
    static func carryForward(_ answer: JSONValue) -> String {
        var out = "# Certified carry-forward report\n\nCut-off: \(text(answer["at"]))\n\n"
        out += "| Material | Site | Pool | Scheme | Claim | Booked | Claimable | Expired |\n|---|---|---|---|---|---|---|---|\n"
        var expiring: [String] = []
        for b in answer["balances"]?.arrayValue ?? [] {
            out += "| \(text(b["material"])) | \(text(b["site"])) | \(text(b["pool"])) | \(text(b["scheme"])) | \(text(b["claim"])) | "
            out += "\(kg(b["mass"])) | \(kg(b["claimable"])) | \(kg(b["expired"])) |\n"
            for e in b["expiring"]?.arrayValue ?? [] {
                expiring.append("- \(text(b["material"])) (\(text(b["scheme"]))): \(kg(e["mass"])) expires \(text(e["expiresAt"]))")
            }
        }
        if !expiring.isEmpty { out += "\n## Certified credits that expire\n\n" + expiring.joined(separator: "\n") + "\n" }
        return out
    }

    /// The audit pack: period, ledger and slice verification, exceptions, declarations, balances, events.
    static func audit(_ pack: JSONValue) -> String {
        let ledger = pack["ledger"] ?? .null
        let slices = pack["slices"] ?? .null
        var out = "# Mass-balance audit pack\n\nPeriod: \(text(pack["period"]?["from"])) to \(text(pack["period"]?["to"]))\n\n"
        out += "## Ledger\n\n- Events of the period: \(Output.scalar(ledger["events"] ?? .null)), ledger positions "
        out += "\(Output.scalar(ledger["firstSeq"] ?? .null)) to \(Output.scalar(ledger["lastSeq"] ?? .null))\n"
        out += "- Chain recomputed and signed head checked: \(ledger["verified"] == true ? "verified" : "NOT VERIFIED") "
        out += "(head \(Output.scalar(ledger["headSeq"] ?? .null)), \(text(ledger["headHash"])))\n"
        let sealed = slices["sealed"]?.arrayValue ?? []
        out += "- Hour slices: \(sealed.count) sealed, \(slices["verified"] == true ? "every one re-hashed and linked" : "NOT VERIFIED")\n"
        for p in slices["problems"]?.arrayValue ?? [] { out += "  - \(text(p))\n" }
        out += "\n## Exceptions\n\n"
        let exceptions = pack["exceptions"]?.arrayValue ?? []
        if exceptions.isEmpty { out += "None.\n" }
        for e in exceptions {
            let state =
                e["open"] == true
                ? "OPEN" : "closed by correction \(text(e["correctedBy"]?["eventId"])) and attestation \(text(e["closedBy"]?["eventId"]))"
            out += "- Batch \(text(e["batchId"])): \(text(e["code"])) (\(text(e["detail"]))), raised by \(text(e["raisedBy"]?["kind"])) "
            out += "\(text(e["raisedBy"]?["eventId"])); \(state)\n"
        }
        out += "\n## Declarations\n\n"
        let declarations = pack["declarations"]?.arrayValue ?? []
        if declarations.isEmpty { out += "None.\n" }
        for d in declarations {
            out +=
                "- \(text(d["direction"])) \(text(d["declarationId"])) (node \(text(d["issuer"]))): \(kg(d["certifiedMass"])) certified of "
            out +=
                "\(kg(d["mass"])), \(text(d["scheme"])), to \(text(d["consignee"])), ledger \(Output.scalar(d["ledgerSeq"] ?? .null)), SHA-256 \(text(d["sha256"]))\n"
        }
        for (title, key) in [("Opening balances", "opening"), ("Closing balances", "closing")] {
            out += "\n## \(title)\n\n| Material | Pool | Scheme | Booked | Claimable |\n|---|---|---|---|---|\n"
            for b in pack[key]?.arrayValue ?? [] {
                out += "| \(text(b["material"])) | \(text(b["pool"])) | \(text(b["scheme"])) | \(kg(b["mass"])) | \(kg(b["claimable"])) |\n"
            }
        }
        out += "\n## Events\n\n| Ledger | Time | Kind | Batch | Event |\n|---|---|---|---|---|\n"
        for e in pack["events"]?.arrayValue ?? [] {
            out +=
                "| \(Output.scalar(e["ledgerSeq"] ?? .null)) | \(text(e["time"])) | \(text(e["kind"])) | \(text(e["batchId"])) | \(text(e["eventId"])) |\n"
        }
        return out
    }

    /// What is wrong with an audit pack, checked without the node: the slice chain re-hashed, every
    /// event of the pack in exactly one slice (sealed or open), and the ledger verified when it was made.
    static func verify(_ pack: JSONValue) -> [String] {
        let slices = pack["slices"] ?? .null
        guard let tenant = slices["tenant"]?.stringValue else { return ["not an audit pack: no slices"] }
        let heads = (slices["sealed"]?.arrayValue ?? []).map { s in
            SliceChain.Head(
                start: s["start"]?.stringValue.flatMap(Timestamp.parseMillis) ?? 0,
                end: s["end"]?.stringValue.flatMap(Timestamp.parseMillis) ?? 0,
                events: (s["events"]?.arrayValue ?? []).compactMap(\.stringValue), prevHash: text(s["prevHash"]), hash: text(s["hash"]))
        }
        var problems = SliceChain.verify(tenant: tenant, heads)
        let open = (slices["open"]?["events"]?.arrayValue ?? []).compactMap(\.stringValue)
        var seen: [String: Int] = [:]
        for h in (heads.flatMap(\.events) + open) { seen[h, default: 0] += 1 }
        for e in pack["events"]?.arrayValue ?? [] {
            let hash = text(e["ledgerHash"])
            if seen[hash] != 1 { problems.append("event \(text(e["eventId"])) is in \(seen[hash] ?? 0) slices, not one") }
        }
        if pack["ledger"]?["verified"] != true { problems.append("the node's ledger did not verify when the pack was made") }
        return problems
    }
}
