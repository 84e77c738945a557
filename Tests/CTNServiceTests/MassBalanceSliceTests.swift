import CTNLedger
import CTNModel
import CTNSQL
import CTNService
import GRDB
import Testing

/// Hour slices sealed as time passes, verified in the audit pack and broken by an edit; credits
/// that expire; utilities shared among batches.
@Suite("Mass balance slices, expiry and utilities")
struct MassBalanceSliceTests {
    static let hour: Int64 = 3_600_000

    @Test("Events of three hours: two sealed slices chained, the third open; an edited event breaks its slice")
    func slices() async throws {
        let f = try await ServiceFixture()
        _ = try await f.receive("PAN", "conventional", 10)
        _ = try await f.at(ServiceFixture.now + 30 * 60_000).receive("PAN", "conventional", 20)
        // 01:10: the first hour's two events are sealed before this one is taken.
        _ = try await f.at(ServiceFixture.now + Self.hour + 600_000).receive("PAN", "conventional", 30)
        _ = try await f.at(ServiceFixture.now + 3 * Self.hour).receive("PAN", "conventional", 40)
        let audit = try await f.call(.massBalanceAudit, path: ["to": "2026-06-02T00:00:00Z"])
        let slices = try #require(audit["slices"]?["sealed"]?.arrayValue)
        #expect(slices.count == 2)
        #expect(slices.map { $0["events"]?.arrayValue?.count } == [2, 1])
        #expect(slices[1]["prevHash"] == slices[0]["hash"])
        #expect(slices[0]["start"]?.stringValue.flatMap(Timestamp.parseMillis) == ServiceFixture.now)
        #expect(audit["slices"]?["open"]?["events"]?.arrayValue?.count == 1)
        #expect(audit["slices"]?["verified"] == true)
        #expect(audit["ledger"]?["verified"] == true)
        // Each sealed slice is also a ledger event: its hash is in the hash chain.
        let events = try await f.store.ledgerEvents(after: 0, limit: 100).filter { $0.event == "mass-balance.slice-sealed" }
        #expect(events.map { (try? JSONParser.parse(Array($0.payload.utf8)))?["hash"] } == slices.map { $0["hash"] })

        // Someone with the database file rewrites the first event's ledger hash (dropping the guard first).
        let store = try #require(f.store as? any SQLStore)
        let forge =
            f.onPostgres
            ? [
                "DROP TRIGGER mb_events_no_update ON mb_events",
                "UPDATE mb_events SET ledger_hash = 'forged' WHERE seq = (SELECT min(seq) FROM mb_events)",
            ]
            : [
                "DROP TRIGGER mb_events_no_update",
                "UPDATE mb_events SET ledger_hash = 'forged' WHERE rowid = (SELECT min(rowid) FROM mb_events)",
            ]
        try await store.sqlWrite { h in
            for sql in forge { try h.db.execute(sql, []) }
        }
        let after = try await f.call(.massBalanceAudit, path: ["to": "2026-06-02T00:00:00Z"])
        #expect(after["slices"]?["verified"] == false)
        #expect(after["slices"]?["problems"]?.arrayValue?.count == 1)
        #expect(after["ledger"]?["eventsInLedger"] == false)
        // The ledger itself was not touched: it still verifies; the edit is found by the slices.
        #expect(try await f.store.verifyLedger(nodeId: f.keys.nodeId, publicKey: f.keys.signingKey.publicKey).ok)
    }

    @Test("A credit expiring on 20 May: claimable before, written off after, refused to a batch after; outputs inherit the expiry")
    func expiry() async throws {
        let f = try await ServiceFixture()
        let receipt = JSONObject([
            "material": "PAN", "pool": "certified", "mass": ServiceFixture.t(10), "scheme": "ISCC PLUS", "claim": "bio-attributed",
            "supplierDeclaration": "SD-9",
            "expiresAt": "2026-05-20T00:00:00Z", "time": "2026-05-02T00:00:00Z",
        ])
        _ = try await f.call(.massBalanceReceipt, receipt)
        var later = receipt
        later["expiresAt"] = "2026-07-01T00:00:00Z"
        _ = try await f.call(.massBalanceReceipt, later)
        let before = try await f.balances(at: "2026-05-10T00:00:00Z")
        #expect(before.booked["PAN/certified"] == 20)
        #expect(before.claimable["PAN/certified"] == 20)
        // 12 t on 15 May: all 10 t of the credit expiring first, then 2 t of the other.
        let b = try await f.call(
            .massBalanceBatch,
            JSONObject([
                "inputs": [ServiceFixture.line("PAN", "certified", 12, scheme: "ISCC PLUS")],
                "outputs": [["material": "CF", "mass": ServiceFixture.t(6)]],
                "conversionFactor": 0.5, "tolerance": 0.02, "time": "2026-05-15T00:00:00Z",
            ]))
        #expect(
            b["certifiedOutput"]?.arrayValue?.first?["expiresAt"]?.stringValue.flatMap(Timestamp.parseMillis)
                == Timestamp.parseMillis("2026-05-20T00:00:00Z"))
        let after = try await f.balances(at: "2026-05-25T00:00:00Z")
        // PAN: 8 t left of the later credit; CF: 6 t certified, expired on 20 May.
        #expect(after.claimable["PAN/certified"] == 8)
        #expect(after.booked["CF/certified"] == 6)
        #expect(after.claimable["CF/certified"] == 0)
        // 9 t on 25 May: only 8 t can still be claimed.
        let refused = try await f.refusal(
            .massBalanceBatch,
            JSONObject([
                "inputs": [ServiceFixture.line("PAN", "certified", 9, scheme: "ISCC PLUS")],
                "outputs": [["material": "CF", "mass": ServiceFixture.t(4.5)]],
                "conversionFactor": 0.5, "tolerance": 0.02, "time": "2026-05-25T00:00:00Z",
            ]))
        #expect(refused.code == "insufficient_balance")
        #expect(try await f.store.verifyLedger(nodeId: f.keys.nodeId, publicKey: f.keys.signingKey.publicKey).ok)
    }

    @Test(
        "Utilities: 1,000 kWh over batches of 100 t and 50 t fibre is 666.67 and 333.33 by output mass; by time 9 h and 3 h of the window")
    func utilities() async throws {
        let f = try await ServiceFixture()
        _ = try await f.receive("PAN", "conventional", 300)
        func batch(_ fibre: Double, _ start: String, _ end: String) async throws -> String {
            try ServiceFixture.string(
                try await f.call(
                    .massBalanceBatch,
                    JSONObject([
                        "inputs": [ServiceFixture.line("PAN", "conventional", fibre * 2)],
                        "outputs": [["material": "CF", "mass": ServiceFixture.t(fibre)]],
                        "conversionFactor": 0.5, "tolerance": 0.02, "window": ["start": .string(start), "end": .string(end)],
                    ])), "batchId")
        }
        let a = try await batch(100, "2026-05-05T00:00:00Z", "2026-05-05T09:00:00Z")
        let b = try await batch(50, "2026-05-05T09:00:00Z", "2026-05-05T15:00:00Z")
        var body = JSONObject([
            "energyType": "electricity", "quantity": ["value": 1000, "unit": "kWh"], "batchIds": [.string(a), .string(b)],
            "window": ["start": "2026-05-05T00:00:00Z", "end": "2026-05-05T12:00:00Z"],
        ])
        let byMass = try await f.call(.massBalanceUtility, body)
        let shares = byMass["allocations"]?.arrayValue?.compactMap { $0["quantity"]?["value"]?.numberValue } ?? []
        #expect(shares.count == 2 && close(shares[0], 2000.0 / 3, relative: 1e-12) && close(shares[1], 1000.0 / 3, relative: 1e-12))
        body["method"] = "time-weighted"
        let byTime = try await f.call(.massBalanceUtility, body)
        #expect(byTime["allocations"]?.arrayValue?.compactMap { $0["share"]?.numberValue } == [0.75, 0.25])
        // Utilities never move a pool.
        #expect(try await f.balances(at: "2026-06-01T00:00:00Z").booked["CF/conventional"] == 150)
        #expect(try await f.store.verifyLedger(nodeId: f.keys.nodeId, publicKey: f.keys.signingKey.publicKey).ok)
    }
}
