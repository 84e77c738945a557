import CTNEngine
import CTNFederation
import CTNLedger
import CTNModel
import Foundation
import Testing

/// Category statistics on two real nodes: shown only from 5 contributing businesses, exact for a
/// signed peer, published (snapshot in steps of 5, 2 significant digits, no sketch) for anyone
/// else, and combined exactly across the nodes through their sketches. Expected figures are
/// worked out in the comments (kg-CO2e/kg; tolerance 1e-12 relative for exact figures; published
/// figures compared exactly with the hand-rounded decimals).
@Suite("Category statistics across nodes", .serialized)
struct StatisticsTests {
    @Test("Statistics appear at 5 businesses and merge exactly across two nodes")
    func statistics() throws {
        let (px, py) = (freePort(), freePort())
        let x = try NodeProcess(nodeId: "stats-x", publicURL: "https://127.0.0.1:\(px)")
        let y = try NodeProcess(nodeId: "stats-y", publicURL: "https://127.0.0.1:\(py)")
        for (a, b) in [(x, y), (y, x)] {
            let entry = a.data.appendingPathComponent("entry.json")
            try Data(try NodeProcess.ctn(["federation", "export", "--data", a.data.path]).out.utf8).write(to: entry)
            _ = try NodeProcess.ctn(["federation", "add", "--data", b.data.path, entry.path])
        }
        // The first node also loads the EN vocabulary and its mapping to the CTN categories.
        let own = x.data.appendingPathComponent("Dictionaries")
        try FileManager.default.createDirectory(at: own, withIntermediateDirectories: true)
        let repo = NodeProcess.root.appendingPathComponent("Dictionaries")
        for f in ["units.json", "energy-types.json", "material-categories.json"] {
            try FileManager.default.copyItem(at: repo.appendingPathComponent(f), to: own.appendingPathComponent(f))
        }
        for f in ["en-materials.json", "en-ctn-mapping.json"] {
            try FileManager.default.copyItem(at: repo.appendingPathComponent("communities/\(f)"), to: own.appendingPathComponent(f))
        }
        let xs = try (0..<5).map { _ in try x.addTenant() }
        let ys = try (0..<5).map { _ in try y.addTenant() }
        try x.start(port: px)
        try y.start(port: py)
        defer {
            x.stop()
            y.stop()
        }

        /// A lot of 10 kg made from `q` kg of S45C (q × 0.393 kg-CO2e): q × 0.0393 kg-CO2e/kg.
        func contributed(_ n: NodeProcess, _ token: String, _ q: Double) throws -> NodeProcess.Reply {
            let lot = try n.call("POST", "/v1/lots", token: token, ["declaredUnit": "kg"]).str("lotId")
            _ = try n.call(
                "POST", "/v1/lots/\(lot)/material-uses", token: token, ["category": "steel-s45c", "quantity": .number(q), "unit": "kg"])
            _ = try n.call("POST", "/v1/lots/\(lot)/completion", token: token, ["completed": 10])
            return try n.call("POST", "/v1/lots/\(lot)/contribution", token: token, ["category": "steel-s45c"])
        }
        func value(_ q: Double) -> Double { q * 0.393 / 10 }
        func close(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) <= 1e-12 * abs(b) } ?? false }

        // Four businesses (one of them with two lots) are not enough.
        for (t, q) in zip([xs[0], xs[0], xs[1], xs[2], xs[3]], [10.0, 20, 12, 14, 16]) {
            let r = try contributed(x, t.token, q)
            #expect(r.status == 201 && close(r.num("co2PerCategoryUnit"), value(q)), "\(r.json)")
        }
        let four = try x.call("GET", "/v1/statistics/steel-s45c", token: nil)
        #expect(four["available"] == .bool(false) && four["mean"] == nil && four["sketch"] == nil, "\(four.json)")
        // The fifth business: q = 10, 12, 14, 16, 18, 20 over 5 businesses. Mean 0.0393 × 90 / 6 = 0.5895;
        // median at position 2.5: q 15 → 0.5895; p10 at 0.5: q 11 → 0.4323; p90 at 4.5: q 19 → 0.7467.
        #expect(try contributed(x, xs[4].token, 18).status == 201)
        // Anyone but a peer sees the published snapshot: the oldest 5 contributions, from 4 businesses: nothing.
        let published = try x.call("GET", "/v1/statistics/steel-s45c", token: nil)
        #expect(published["available"] == .bool(false) && published["mean"] == nil && published["view"] == "published", "\(published.json)")
        #expect(published.str("reason").contains("published snapshot"))
        #expect(try x.call("GET", "/v1/statistics/steel-s45c", token: xs[0].token)["available"] == .bool(false), "tenants are not peers")
        // The other node, signing as a peer, sees the exact figures and the sketch.
        let path = "/v1/statistics/steel-s45c"
        let yKey = try NodeKeys.read(from: y.data).signingKey
        let peerHeaders = MessageSignature.sign(
            method: "GET", path: path, body: [], actingBusiness: "\(ys[0].businessId)@stats-y", nodeId: "stats-y", target: "stats-x",
            key: yKey)
        let five = try x.call("GET", path, token: nil, headers: peerHeaders)
        #expect(five["available"] == .bool(true) && five.num("contributors") == 5 && five.num("count") == 6, "\(five.json)")
        #expect(close(five.num("mean"), 0.5895) && close(five.num("median"), 0.5895))
        #expect(close(five.num("p10"), 0.4323) && close(five.num("p90"), 0.7467))
        #expect(five.str("unit") == "kg-CO2e/kg" && five["view"] == "exact" && five["sketch"]?["bins"] != nil)

        // The other node: five businesses, q = 30 … 70: values 1.179, 1.572, 1.965, 2.358, 2.751, all five
        // in its snapshot. Published: mean 1.965 → 2.0, median 1.965 → 2.0, p10 at 0.4: 1.3362 → 1.3,
        // p90 at 3.6: 2.5938 → 2.6; count and contributors 5; months only; no sketch.
        for (t, q) in zip(ys, [30.0, 40, 50, 60, 70]) { #expect(try contributed(y, t.token, q).status == 201) }
        let yPublished = try y.call("GET", "/v1/statistics/steel-s45c", token: nil)
        #expect(
            yPublished["available"] == .bool(true) && yPublished["view"] == "published" && yPublished["sketch"] == nil, "\(yPublished.json)"
        )
        #expect(yPublished.num("count") == 5 && yPublished.num("contributors") == 5)
        #expect(yPublished.num("mean") == 2.0 && yPublished.num("median") == 2.0, "\(yPublished.json)")
        #expect(yPublished.num("p10") == 1.3 && yPublished.num("p90") == 2.6, "\(yPublished.json)")
        #expect(yPublished.str("from").count == 7 && yPublished.str("to").count == 7, "YYYY-MM")

        // Combined from the first node (merged exactly from both nodes' exact sketches, then published):
        // 11 lots of 10 businesses; mean 0.0393 × 340 / 11 = 1.21473 → 1.2; counts rounded down to 10;
        // quantiles from the sketch of all eleven values (nearest lower rank within 1 %: median rank 5 →
        // q 20, 0.786; p10 rank 1 → q 12, 0.4716; p90 rank 9 → q 60, 2.358), then to 2 significant digits.
        let net = try x.call("GET", "/v1/statistics/steel-s45c/network", token: xs[0].token)
        #expect(net["available"] == .bool(true) && net.num("contributors") == 10 && net.num("count") == 10, "\(net.json)")
        #expect(net.num("mean") == 1.2 && net["sketch"] == nil && net["view"] == "published", "\(net.json)")
        var union = QuantileSketch()
        for q in [10.0, 20, 12, 14, 16, 18, 30, 40, 50, 60, 70] { union.add(value(q)) }
        for (q, rank) in [(0.5, 20.0), (0.1, 12), (0.9, 60)] {
            let got = net.num(q == 0.5 ? "median" : q == 0.1 ? "p10" : "p90")
            #expect(got == PublishedStatistics.figure(union.quantile(q)), "q \(q): \(got)")
            #expect(abs(got - value(rank)) <= 0.06 * value(rank), "q \(q): \(got) within 1 % + rounding of \(value(rank))")
        }
        #expect(net["nodes"]?.arrayValue?.count == 2 && net["unreachable"]?.arrayValue?.isEmpty == true)

        // Another community's term: the first node maps it, the second does not know it.
        let dictionaries = try x.call("GET", "/v1/dictionaries", token: nil)
        #expect(dictionaries["dictionaries"]?.arrayValue?.contains { $0["id"] == "en-materials-example" } == true)
        #expect(dictionaries["mappings"]?.arrayValue?.contains { $0["term"] == "steel-c45" && $0["sameAs"] == "steel-s45c" } == true)
        #expect(try y.call("GET", "/v1/statistics/steel-c45", token: nil).code == "unknown_category")
        let mapped = try x.call("GET", "/v1/statistics/steel-c45/network", token: xs[0].token)
        #expect(
            mapped["available"] == .bool(true) && mapped.num("count") == 10 && mapped.num("mean") == 1.2,
            "\(mapped.json)")
        #expect(
            mapped["nodes"]?.arrayValue?.contains {
                $0["node"] == "stats-y" && $0["term"] == "steel-s45c" && $0["mappedFrom"] == "steel-c45"
            } == true)
        let unknown = try x.call("GET", "/v1/statistics/aluminium-en-aw-6061/network", token: xs[0].token)
        #expect(
            unknown["available"] == .bool(false) && unknown["unknownTerm"]?.arrayValue?.contains { $0["node"] == "stats-y" } == true,
            "\(unknown.json)")
        // A vocabulary-only term has no default intensity; with the network's it can be used.
        let bare = try x.call("POST", "/v1/lots", token: xs[3].token, ["declaredUnit": "piece"]).str("lotId")
        let noDefault = try x.call(
            "POST", "/v1/lots/\(bare)/material-uses", token: xs[3].token, ["category": "steel-c45", "quantity": 1, "unit": "kg"])
        #expect(noDefault.status == 422 && noDefault.code == "no_default_intensity" && noDefault["field"] == "category")
        let viaNetwork = try x.call(
            "POST", "/v1/lots/\(bare)/material-uses", token: xs[3].token,
            ["category": "steel-c45", "quantity": 1, "unit": "kg", "intensitySource": "network"])
        // At the published mean, the figure the business can read: 1 kg × 1.2.
        #expect(viaNetwork.status == 201 && viaNetwork.num("co2") == 1.2, "\(viaNetwork.json)")

        // Material Use of a category at the network's published mean m = 1.2 instead of the dictionary
        // default; the lot shows its primary data share: a furnace 10 min × 0.5 = 5 kg-CO2e (primary) and
        // 2 kg of S45C at m (secondary): share 5 / (5 + 2.4).
        let t = xs[2].token
        let furnace = try x.call("POST", "/v1/equipment", token: t, ["activityUnit": "min"]).str("equipmentId")
        _ = try x.call("PUT", "/v1/equipment/\(furnace)/intensity", token: t, ["intensity": 0.5, "unit": "kg-CO2e/min"])
        let lot = try x.call("POST", "/v1/lots", token: t, ["declaredUnit": "piece"]).str("lotId")
        _ = try x.call(
            "POST", "/v1/lots/\(lot)/equipment-uses", token: t, ["equipmentId": .string(furnace), "activity": 10, "unit": "min"])
        let m = 1.2
        let netUse = try x.call(
            "POST", "/v1/lots/\(lot)/material-uses", token: t,
            ["category": "steel-s45c", "quantity": 2, "unit": "kg", "intensitySource": "network"])
        #expect(netUse.status == 201 && abs(netUse.num("co2") - 2 * m) <= 1e-12 * 2 * m, "\(netUse.json)")
        #expect(netUse.str("intensitySource").hasPrefix("network: published mean of at least 10 lots from at least 10 businesses"))
        let share = try x.call("GET", "/v1/lots/\(lot)", token: t).num("primaryDataShare")
        #expect(abs(share - 5 / (5 + 2 * m)) <= 1e-12, "\(share)")
        let dict = try x.call("POST", "/v1/lots/\(lot)/material-uses", token: t, ["category": "resin-abs", "quantity": 1, "unit": "kg"])
        #expect(dict.str("intensitySource").hasPrefix("dictionary: ") && dict.num("co2") == 0.254)
        let none = try x.call(
            "POST", "/v1/lots/\(lot)/material-uses", token: t,
            ["category": "resin-abs", "quantity": 1, "unit": "kg", "intensitySource": "network"])
        #expect(none.status == 409 && none.code == "no_network_intensity" && none["field"] == "intensitySource")

        // Refusals, nothing written: an open lot, a unit that does not fit, a second contribution, an unknown category.
        let open = try x.call("POST", "/v1/lots", token: xs[0].token, ["declaredUnit": "kg"]).str("lotId")
        #expect(
            try x.call("POST", "/v1/lots/\(open)/contribution", token: xs[0].token, ["category": "steel-s45c"]).code == "lot_not_completed")
        let pieces = try x.call("POST", "/v1/lots", token: xs[0].token, ["declaredUnit": "piece"]).str("lotId")
        _ = try x.call(
            "POST", "/v1/lots/\(pieces)/material-uses", token: xs[0].token, ["category": "resin-abs", "quantity": 1, "unit": "kg"])
        _ = try x.call("POST", "/v1/lots/\(pieces)/completion", token: xs[0].token, ["completed": 2])
        let unfit = try x.call("POST", "/v1/lots/\(pieces)/contribution", token: xs[0].token, ["category": "resin-abs"])
        #expect(unfit.status == 422 && unfit.code == "incompatible_unit" && unfit["field"] == "category")
        let first = try contributed(x, xs[1].token, 11)
        #expect(first.status == 201)
        let again = try x.call("POST", "/v1/lots/\(first.str("lotId"))/contribution", token: xs[1].token, ["category": "steel-s45c"])
        #expect(again.status == 409 && again.code == "already_contributed")
        #expect(try x.call("GET", "/v1/statistics/unobtainium", token: nil).code == "unknown_category")
    }
}
