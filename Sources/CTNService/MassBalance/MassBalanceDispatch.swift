import CTNLedger
import CTNMassBalance
import CTNModel
import CTNStore
import Crypto

/// Dispatch of output (certified mass resting on reconciled batches, with a signed declaration)
/// and the consignee's booking of a declaration into its own pools, once.
extension ContractService {
    func massBalanceDispatch(_ input: MassBalanceDispatchInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let now = clock.nowMillis()
        let time = try Self.sourceTime(input.time, now: now)
        let book = MassBook(tenant: tenant, units: engine.units, now: now)
        let total = try book.positiveGrams(input.mass)
        let certified = try book.grams(input.certifiedMass)
        guard certified <= total else { throw Problem.invalidValue("certifiedMass", "is more than the mass dispatched") }
        let local = input.consignee.nodeId == nil || input.consignee.nodeId == nodeId
        let consignee = "\(input.consignee.businessId.hex)@\(input.consignee.nodeId ?? nodeId)"
        guard !(local && input.consignee.businessId.hex == tenant.businessId) else {
            throw Problem.invalidValue("consignee", "is the dispatching business itself")
        }
        let dispatchId = minter.mint(tenant: tenant.tenantId, kind: "mb-dispatch").hex
        let declarationId = minter.mint(tenant: tenant.tenantId, kind: "mb-declaration").hex
        let (event, keys, nodeId) = (try event(.massBalanceDispatch), self.keys, self.nodeId)
        let supplier = acting(tenant)
        return try await store.write { tx in
            if local, try tx.tenant(businessId: input.consignee.businessId.hex) == nil {
                throw Problem.notFound("business \(input.consignee.description)", field: "consignee")
            }
            let lot = try input.lotId.map { try Self.ownLot(tx, $0, tenant) }
            try book.seal(tx)
            let claim = try Self.claim(tx, input, certified: certified, tenant: tenant)
            var moves = claim.parts.map { part in
                MassBook.Move(
                    key: PoolKey(site: input.site, material: input.material, kind: .certified, scheme: claim.scheme, claim: claim.claim),
                    grams: -part.grams, batchId: part.batchId, field: "certifiedMass", code: "insufficient_certified_balance")
            }
            if total > certified {
                moves.append(
                    MassBook.Move(
                        key: PoolKey(site: input.site, material: input.material, kind: .conventional), grams: certified - total,
                        field: "mass"))
            }
            let seq = tx.nextSeq
            let states = try book.check(tx, moves, time: time, seq: seq)
            var jws: String?
            var payload = JSONObject([
                "material": .string(input.material), "grams": .number(Double(total)), "certifiedGrams": .number(Double(certified)),
                "consignee": .string(consignee), "scheme": .optional(certified > 0 ? claim.scheme : nil),
                "claim": .optional(claim.claim.isEmpty ? nil : claim.claim), "lotId": .optional(input.lotId),
                "site": .optional(input.site.isEmpty ? nil : input.site), "time": .string(Timestamp.format(millis: time)),
                "claims": .array(claim.parts.map { ["batchId": .string($0.batchId), "grams": .number(Double($0.grams))] }),
            ])
            if certified > 0 {
                let expiry = moves.indices.compactMap { i in states[moves[i].key.text]?.debitExpiry[PoolLedger.Key(seq: seq, index: i)] }
                    .min()
                let document = JSONObject([
                    "declarationId": .string(declarationId), "issuer": .string(nodeId), "supplier": .string(supplier),
                    "consignee": .string(consignee), "material": .string(input.material), "mass": MassBook.mass(total),
                    "certifiedMass": MassBook.mass(certified), "certifiedShare": .number(Double(certified) / Double(total)),
                    "scheme": .string(claim.scheme), "claim": .optional(claim.claim.isEmpty ? nil : claim.claim),
                    "period": [
                        "start": .string(Timestamp.format(millis: claim.start)), "end": .string(Timestamp.format(millis: claim.end)),
                    ],
                    "batches": .array(
                        claim.parts.map {
                            [
                                "batchId": .string($0.batchId), "ledgerSeq": .number(Double($0.seq)),
                                "certifiedMass": MassBook.mass($0.grams),
                            ]
                        }),
                    "dispatch": [
                        "dispatchId": .string(dispatchId), "ledgerSeq": .number(Double(seq)),
                        "time": .string(Timestamp.format(millis: time)),
                    ],
                    "lotId": .optional(input.lotId), "expiresAt": .optional(expiry.map { Timestamp.format(millis: $0) }),
                    "issuedAt": .string(Timestamp.format(millis: now)),
                ])
                let signed = try SustainabilityDeclaration.sign(.object(document), keys: keys)
                payload["declarationId"] = .string(declarationId)
                payload["declarationSha256"] = .string(LedgerHashing.sha256Hex(signed))
                jws = signed
            }
            let appended = try book.record(
                tx, kind: "dispatch", id: dispatchId, batchId: nil, sourceTime: time, payload: payload, moves: moves,
                contract: .massBalanceDispatch, event: event)
            if var lot {
                lot.certified = Self.certifiedSummary(
                    lot.certified, mass: total, certified: certified, scheme: claim.scheme, claim: claim.claim,
                    declarationId: jws == nil ? nil : declarationId)
                try tx.updateLot(lot)
            }
            if let jws {
                try tx.insertDeclaration(
                    DeclarationRecord(
                        declarationId: declarationId, issuer: nodeId, tenantId: tenant.tenantId, direction: "issued", lotId: input.lotId,
                        jws: jws, eventId: dispatchId, seq: appended.seq, at: now))
            }
            return [
                "dispatchId": .string(dispatchId), "mass": MassBook.mass(total), "certifiedMass": MassBook.mass(certified),
                "certifiedShare": .number(Double(certified) / Double(total)), "declarationId": .optional(jws == nil ? nil : declarationId),
                "declaration": .optional(jws), "ledgerSeq": .number(Double(appended.seq)),
            ]
        }
    }

    /// A lot's certified share after one more dispatch of it: masses summed, schemes and declarations listed.
    static func certifiedSummary(
        _ old: String?, mass: Int64, certified: Int64, scheme: String, claim: String, declarationId: String?
    ) -> String {
        let prior = old.flatMap { try? JSONParser.parse(Array($0.utf8)) } ?? .null
        let grams = { (v: JSONValue?) in Grams.of(kilograms: v?["value"]?.numberValue ?? 0) ?? 0 }
        let total = grams(prior["mass"]) + mass
        let certifiedTotal = grams(prior["certifiedMass"]) + certified
        var schemes = prior["schemes"]?.arrayValue ?? []
        if certified > 0 {
            if let i = schemes.firstIndex(where: { $0["scheme"]?.stringValue == scheme && ($0["claim"]?.stringValue ?? "") == claim }) {
                schemes[i] = [
                    "scheme": .string(scheme), "claim": claim.isEmpty ? .null : .string(claim),
                    "certifiedMass": MassBook.mass(grams(schemes[i]["certifiedMass"]) + certified),
                ]
            } else {
                schemes.append([
                    "scheme": .string(scheme), "claim": claim.isEmpty ? .null : .string(claim), "certifiedMass": MassBook.mass(certified),
                ])
            }
        }
        let declarations = (prior["declarations"]?.arrayValue ?? []) + (declarationId.map { [.string($0)] } ?? [])
        return CanonicalJSON.encode([
            "mass": MassBook.mass(total), "certifiedMass": MassBook.mass(certifiedTotal),
            "certifiedShare": .number(total > 0 ? Double(certifiedTotal) / Double(total) : 0), "schemes": .array(schemes),
            "declarations": .array(declarations),
        ])
    }

    /// What a dispatch claims: the scheme and claim, and how much of each named batch's unclaimed
    /// certified output of the material it takes (in the order named), with the batches' span.
    struct Claim {
        struct Part {
            var batchId: String
            var grams: Int64
            var seq: Int64
        }
        var scheme = ""
        var claim = ""
        var parts: [Part] = []
        var start: Int64 = 0
        var end: Int64 = 0
    }

    static func claim(_ tx: any StoreReading, _ input: MassBalanceDispatchInput, certified: Int64, tenant: TenantRecord) throws -> Claim {
        var result = Claim()
        guard certified > 0 else { return result }
        var open: [(id: String, seq: Int64, span: TimeWindow, left: [String: Int64])] = []
        for (i, id) in input.batchIds.enumerated() {
            let field = "batchIds[\(i)]"
            let batch = try BatchHistory.load(tx, id, tenant: tenant, field: field)
            guard batch.outputs.contains(where: { $0.material == input.material }) else {
                throw Problem.invalidValue(field, "batch \(id) did not make \(input.material)")
            }
            let status = batch.status.status
            guard status == .reconciled else {
                throw Problem.conflict(
                    "exception_open",
                    status == .exception
                        ? "batch \(id) has an open exception: correct it and attest the correction first"
                        : "batch \(id) was corrected and waits for an attestation", field: field)
            }
            var left: [String: Int64] = [:]
            for m in try tx.poolMovements(batchId: id) where m.pool == "certified" && m.material == input.material && m.site == input.site {
                left["\(m.scheme)\u{1F}\(m.claim)", default: 0] += m.grams
            }
            open.append((id, batch.events.first?.seq ?? 0, batch.span, left))
        }
        var tags = Set(open.flatMap { $0.left.filter { $0.value > 0 }.keys })
        if let scheme = input.scheme { tags = tags.filter { $0.hasPrefix("\(scheme)\u{1F}") } }
        if let claim = input.claim { tags = tags.filter { $0.hasSuffix("\u{1F}\(claim)") } }
        guard tags.count <= 1 else {
            throw Problem.invalidValue(
                "scheme", "the batches carry certified output under several schemes or claims: name the scheme and claim")
        }
        guard let tag = tags.first else {
            throw Problem.conflict(
                "insufficient_certified_balance", "the named batches have no unclaimed certified output of \(input.material)",
                field: "certifiedMass")
        }
        let parts = tag.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
        result.scheme = parts.first ?? ""
        result.claim = parts.count > 1 ? parts[1] : ""
        var needed = certified
        for b in open where needed > 0 {
            let take = min(needed, max(0, b.left[tag] ?? 0))
            guard take > 0 else { continue }
            result.parts.append(Claim.Part(batchId: b.id, grams: take, seq: b.seq))
            needed -= take
        }
        guard needed == 0 else {
            throw Problem.conflict(
                "insufficient_certified_balance",
                "the named batches have only \(Grams.kilograms(certified - needed)) kg of unclaimed certified \(input.material) left",
                field: "certifiedMass")
        }
        let used = open.filter { b in result.parts.contains { $0.batchId == b.id } }
        result.start = used.map(\.span.start).min() ?? 0
        result.end = used.map(\.span.end).max() ?? 0
        return result
    }

    func massBalanceDeclaration(_ input: MassBalanceDeclarationInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let now = clock.nowMillis()
        let time = try Self.sourceTime(input.time, now: now)
        let book = MassBook(tenant: tenant, units: engine.units, now: now)
        func invalid(_ why: String) -> Problem {
            Problem(status: 422, code: "invalid_declaration", title: "Invalid declaration", detail: why, field: "declaration")
        }
        guard let issuer = CompactJWS.kid(input.declaration) else { throw invalid("not a compact JWS with a signing node") }
        let key: Curve25519.Signing.PublicKey
        if issuer == nodeId {
            key = keys.signingKey.publicKey
        } else if let peer = peers.peer(issuer) {
            key = peer.publicKey
        } else {
            throw invalid("node \(issuer) is not in this node's peer directory")
        }
        let d: JSONValue
        do { d = try SustainabilityDeclaration.verify(input.declaration, publicKey: key) } catch { throw invalid("\(error)") }
        guard d["consignee"]?.stringValue == acting(tenant) else { throw invalid("the declaration is addressed to another business") }
        guard let declarationId = d["declarationId"]?.stringValue, ID128(declarationId) != nil,
            let mass = d["mass"]?["value"]?.numberValue.flatMap({ Grams.of(kilograms: $0) }), mass > 0,
            let certified = d["certifiedMass"]?["value"]?.numberValue.flatMap({ Grams.of(kilograms: $0) }), certified >= 0,
            certified <= mass,
            let scheme = d["scheme"]?.stringValue
        else { throw invalid("the declaration lacks its ID, masses or scheme") }
        let claim = d["claim"]?.stringValue ?? ""
        let material: String
        do { material = try input.material ?? MaterialCode.check(d["material"]?.stringValue ?? "", field: "declaration") } catch {
            throw invalid("the declaration names no usable material code: give 'material'")
        }
        let expiresAt = d["expiresAt"]?.stringValue.flatMap(Timestamp.parseMillis)
        let eventId = minter.mint(tenant: tenant.tenantId, kind: "mb-booking").hex
        let event = try event(.massBalanceDeclaration)
        let sha = LedgerHashing.sha256Hex(input.declaration)
        return try await store.write { tx in
            guard try tx.declaration(issuer: issuer, declarationId: declarationId, direction: "booked") == nil else {
                throw Problem.conflict(
                    "declaration_booked", "declaration \(declarationId) of node \(issuer) is already booked", field: "declaration")
            }
            try book.seal(tx)
            var moves = [
                MassBook.Move(
                    key: PoolKey(site: input.site, material: material, kind: .certified, scheme: scheme, claim: claim),
                    grams: certified,
                    expiresAt: expiresAt, field: "declaration")
            ]
            if mass > certified {
                moves.append(
                    MassBook.Move(
                        key: PoolKey(site: input.site, material: material, kind: .conventional), grams: mass - certified,
                        field: "declaration"))
            }
            moves.removeAll { $0.grams == 0 }
            _ = try book.check(tx, moves, time: time, seq: tx.nextSeq)
            let payload = JSONObject([
                "declarationId": .string(declarationId), "issuer": .string(issuer), "supplier": .optional(d["supplier"]?.stringValue),
                "material": .string(material), "supplierMaterial": .optional(d["material"]?.stringValue),
                "grams": .number(Double(mass)),
                "certifiedGrams": .number(Double(certified)), "scheme": .string(scheme), "claim": .optional(claim.isEmpty ? nil : claim),
                "expiresAt": .optional(expiresAt.map { Timestamp.format(millis: $0) }), "declarationSha256": .string(sha),
                "site": .optional(input.site.isEmpty ? nil : input.site), "time": .string(Timestamp.format(millis: time)),
            ])
            let appended = try book.record(
                tx, kind: "booking", id: eventId, batchId: nil, sourceTime: time, payload: payload, moves: moves,
                contract: .massBalanceDeclaration, event: event)
            try tx.insertDeclaration(
                DeclarationRecord(
                    declarationId: declarationId, issuer: issuer, tenantId: tenant.tenantId, direction: "booked", lotId: nil,
                    jws: input.declaration, eventId: eventId, seq: appended.seq, at: now))
            return [
                "eventId": .string(eventId), "declarationId": .string(declarationId), "issuer": .string(issuer),
                "mass": MassBook.mass(mass),
                "certifiedMass": MassBook.mass(certified), "scheme": .string(scheme), "ledgerSeq": .number(Double(appended.seq)),
            ]
        }
    }
}
