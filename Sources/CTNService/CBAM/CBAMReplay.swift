import CTNCBAM
import CTNLedger
import CTNModel

/// A verifier's replay of a report as its operator's node answered it: the content hash over what
/// was filed, the document read again, and every good's SEE and default share recomputed with this
/// node's own engine and dictionaries (relative tolerance 1e-9).
struct CBAMReplay {
    /// One check, shown whether it holds or not.
    struct Check {
        var name: String
        var expected: String
        var found: String
        var ok: Bool
        var json: JSONValue { ["check": .string(name), "expected": .string(expected), "found": .string(found), "ok": .bool(ok)] }
    }

    let units: StatedUnits
    let dictionaries: Dictionaries

    static func same(_ a: Double?, _ b: Double?) -> Bool {
        guard let a, let b else { return false }
        return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1e-12)
    }

    func checks(_ report: JSONValue) throws -> [Check] {
        guard case .object(let all) = report else {
            return [Check(name: "report", expected: "a JSON object", found: "something else", ok: false)]
        }
        var filed = JSONObject()
        for (k, v) in all.pairs where !ContractService.cbamAddedKeys.contains(k) { filed[k] = v }
        let hash = LedgerHashing.sha256Hex(CanonicalJSON.encode(.object(filed)))
        let claimed = report["contentHash"]?.stringValue ?? ""
        var out = [Check(name: "content hash", expected: claimed, found: hash, ok: hash == claimed)]
        guard let document = report["document"]?.objectValue else {
            return out + [Check(name: "document", expected: "the document as filed", found: "none", ok: false)]
        }
        let replayed: Result<[EmbeddedEmissions.Good], Problem> = replay(document, reported: report["processes"]?.arrayValue ?? [])
        let resolvedGoods: [EmbeddedEmissions.Good]
        switch replayed {
        case .success(let g): resolvedGoods = g
        case .failure(let problem):
            return out + [Check(name: "replay", expected: "the engine computes the document", found: problem.detail, ok: false)]
        }
        let goods = report["goods"]?.arrayValue ?? []
        for g in resolvedGoods {
            let r = goods.first { $0["process"]?.stringValue == g.process && $0["cn"]?.stringValue == g.cn }
            let found = [r?["see"]?["direct"], r?["see"]?["indirect"], r?["see"]?["counted"], r?["defaultShare"]].map { $0?.numberValue }
            let expected = [g.see.direct, g.see.indirect, g.counted, g.defaultShare]
            let ok = zip(expected, found).allSatisfy { Self.same($0, $1) }
            out.append(
                Check(
                    name: "SEE of \(g.cn) (\(g.process))", expected: expected.map { CanonicalJSON.number($0) }.joined(separator: " / "),
                    found: found.map { $0.map(CanonicalJSON.number) ?? "none" }.joined(separator: " / "), ok: ok))
        }
        if goods.count != resolvedGoods.count {
            out.append(Check(name: "goods", expected: "\(resolvedGoods.count)", found: "\(goods.count)", ok: false))
        }
        return out
    }

    /// The document's goods recomputed; a locked calculation stays on the operator's node, so its
    /// Scope 1 total counts as the report states it.
    func replay(_ document: JSONObject, reported: [JSONValue]) -> Result<[EmbeddedEmissions.Good], Problem> {
        let compute = CBAMCompute(units: units, dictionaries: dictionaries)
        do {
            let input = try CBAMReportInput(ValidatedRequest(body: document))
            let processes = try compute.processes(input) { i, _ in
                guard i < reported.count, let v = reported[i]["directEmissions"]?["value"]?.numberValue else {
                    throw Problem.invalidValue("processes[\(i)].calculationId", "the report states no direct emissions for it")
                }
                return v
            }
            return .success(try compute.resolve(processes, at: input.periodEnd - 1).goods)
        } catch let problem as Problem {
            return .failure(problem)
        } catch {
            return .failure(Problem(status: 422, code: "not_reproduced", title: "Not reproduced", detail: "\(error)"))
        }
    }
}
