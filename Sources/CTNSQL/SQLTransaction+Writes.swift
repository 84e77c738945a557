import CTNLedger
import CTNModel
import CTNStore
import GRDB

extension SQLTransaction {
    package func insertLot(_ l: LotRecord) throws {
        session?.touchedLots.append(l.lotId)
        session?.cache.put(lot: l)
        try exec(
            "INSERT INTO lots(\(Columns.lot)) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                l.lotId, l.tenantId, l.declaredUnit, l.status.rawValue, l.createdAt, l.materialCO2, l.processCO2, l.completed, l.defects,
                l.totalCO2, l.co2PerUnit, l.completedAt, l.completedSeq, l.shipped, l.completedHash, l.version, l.statement, l.secondaryCO2,
                l.certificateCount, l.uncertainty, l.unquantifiedShare, l.evidence, l.certified, l.logLeaf,
            ])
    }

    package func updateLot(_ l: LotRecord) throws {
        session?.touchedLots.append(l.lotId)
        session?.cache.put(lot: l)
        try exec(
            "UPDATE lots SET status = ?, material_co2 = ?, process_co2 = ?, completed = ?, defects = ?, total_co2 = ?, co2_per_unit = ?, completed_at = ?, completed_seq = ?, shipped = ?, completed_hash = ?, version = ?, statement = ?, secondary_co2 = ?, certificate_count = ?, uncertainty = ?, unquantified_share = ?, evidence = ?, certified = ?, log_leaf = ? WHERE lot_id = ?",
            [
                l.status.rawValue, l.materialCO2, l.processCO2, l.completed, l.defects, l.totalCO2, l.co2PerUnit, l.completedAt,
                l.completedSeq,
                l.shipped, l.completedHash, l.version, l.statement, l.secondaryCO2, l.certificateCount, l.uncertainty, l.unquantifiedShare,
                l.evidence, l.certified, l.logLeaf, l.lotId,
            ])
    }

    package func insertEquipment(_ e: EquipmentRecord) throws {
        try exec(
            "INSERT INTO equipment(\(Columns.equipment)) VALUES (?,?,?,?)",
            [e.equipmentId, e.tenantId, e.activityUnit, e.createdAt])
    }

    package func insertIntensity(_ i: IntensityRecord) throws {
        session?.cache.dropIntensities(for: i.equipmentId)
        try exec(
            "INSERT INTO intensities(\(Columns.intensity)) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                i.equipmentId, i.version, i.value, i.unit, i.perActivity, i.validFrom, i.registeredAt, i.reportId, i.u, i.tier, i.evidence,
                i.snapshotId,
            ])
    }

    package func insertSnapshot(_ s: SnapshotRecord) throws {
        try exec(
            "INSERT INTO site_snapshots(\(Columns.snapshot)) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [
                s.snapshotId, s.tenantId, s.site, s.periodStart, s.periodEnd, s.version, s.parentId, s.contentHash, s.payload, s.seq,
                s.lockedAt,
            ])
    }

    package func updateEquipmentUse(_ u: EquipmentUseRecord) throws {
        try exec(
            "UPDATE equipment_uses SET intensity = ?, intensity_version = ?, co2 = ? WHERE use_id = ?",
            [u.intensity, u.intensityVersion, u.co2, u.useId])
    }

    package func insertMaterialUse(_ u: MaterialUseRecord) throws {
        try exec(
            "INSERT INTO material_uses(\(Columns.materialUse)) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                u.useId, u.lotId, u.materialLotId, u.category, u.quantity, u.unit, u.perUnit, u.perUnitOf, u.baseQuantity, u.co2,
                u.sourceTime, u.seq,
                u.materialNode, u.statementVersion, u.intensitySource,
            ])
    }

    package func insertEquipmentUse(_ u: EquipmentUseRecord) throws {
        try exec(
            "INSERT INTO equipment_uses(\(Columns.equipmentUse)) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [
                u.useId, u.lotId, u.equipmentId, u.activity, u.unit, u.intensity, u.intensityVersion, u.co2, u.sourceTime, u.seq,
                u.activitySource,
            ])
    }

    package func insertShipment(_ s: ShipmentRecord) throws {
        try exec(
            "INSERT INTO shipments(\(Columns.shipment)) VALUES (?,?,?,?,?,?)",
            [s.shipmentId, s.lotId, s.consignee, s.quantity, s.sourceTime, s.seq])
    }

    package func insertEnergyReport(_ r: EnergyReportRecord) throws {
        try exec(
            "INSERT INTO energy_reports(\(Columns.energyReport)) VALUES (?,?,?,?,?,?)",
            [r.reportId, r.tenantId, r.periodStart, r.periodEnd, r.payload, r.seq])
    }

    package func insertRemoteStatement(_ r: RemoteStatementRecord) throws {
        try exec(
            "INSERT INTO remote_statements(\(Columns.remoteStatement)) VALUES (?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
            [r.nodeId, r.lotId, r.version, r.jws, r.co2PerUnit, r.declaredUnit, r.fetchedAt])
    }

    package func insertAgreement(_ a: AgreementRecord) throws {
        try exec(
            "INSERT INTO agreements(\(Columns.agreement)) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                a.agreementId, a.tenantId, a.grantee, a.scope.rawValue, a.lotId, a.contracts.joined(separator: ","), a.purpose, a.expiresAt,
                a.createdAt, a.revokedAt, a.seq, a.transitive, a.cnCodes.isEmpty ? nil : a.cnCodes.joined(separator: ","),
            ])
    }

    package func revokeAgreement(_ agreementId: String, at: Int64) throws {
        try exec("UPDATE agreements SET revoked_at = ? WHERE agreement_id = ? AND revoked_at IS NULL", [at, agreementId])
    }

    package func insertUsage(_ entries: [UsageRecord]) throws {
        for u in entries {
            try exec(
                "INSERT INTO usage_log(\(Columns.usage)) VALUES (?,?,?,?,?,?)",
                [u.ownerTenant, u.reader, u.contract, u.lotId, u.basis, u.at])
        }
    }

    package func insertContribution(_ c: ContributionRecord) throws {
        try exec(
            "INSERT INTO contributions(\(Columns.contribution)) VALUES (?,?,?,?,?,?)",
            [c.lotId, c.tenantId, c.category, c.factor, c.contributedAt, c.seq])
    }

    package func insertHeld(_ h: HeldRecord) throws {
        try exec(
            "INSERT INTO held(\(Columns.held)) VALUES (?,?,?,?,?,?)",
            [h.tenantId, h.node, h.lotId, h.kind, h.content, h.obtainedAt])
    }

    package func deleteHeld(node: String, lotIds: [String], at: Int64) throws -> [HeldRecord] {
        var removed: [HeldRecord] = []
        for lot in lotIds {
            let rows = try all(HeldRow.self, "SELECT \(Columns.held) FROM held WHERE node = ? AND lot_id = ?", [node, lot])
            for r in rows {
                try exec(
                    "INSERT INTO deleted_facts(node, lot_id, kind, sha256, deleted_at) VALUES (?,?,?,?,?)",
                    [node, lot, r.kind, LedgerHashing.sha256Hex(r.content), at])
            }
            try exec("DELETE FROM held WHERE node = ? AND lot_id = ?", [node, lot])
            removed += rows
        }
        return removed
    }

    package func insertDeletionReceipt(ownerTenant: String, node: String, jws: String, at: Int64, seq: Int64) throws {
        try exec(
            "INSERT INTO deletion_receipts(owner_tenant, node, jws, received_at, seq) VALUES (?,?,?,?,?)",
            [ownerTenant, node, jws, at, seq])
    }

    package func insertCertificate(lotId: String, jws: String, certifier: String, version: Int64, at: Int64, seq: Int64) throws {
        try exec(
            "INSERT INTO certificates(lot_id, jws, certifier, version, attached_at, seq) VALUES (?,?,?,?,?,?)",
            [lotId, jws, certifier, version, at, seq])
    }

    package func appendLedger(
        tenantId: String, contract: String, event: String, sourceTime: Int64, payload: JSONValue
    ) throws -> LedgerEvent {
        guard let session else {
            throw DatabaseError(message: "the ledger is appended to only inside a write transaction")
        }
        return try session.append(db: db, tenantId: tenantId, contract: contract, event: event, sourceTime: sourceTime, payload: payload)
    }

    package func appendLedger(
        tenantId: String, contract: String, event: String, sourceTime: Int64, payload: JSONValue,
        stating: (LedgerEvent, Int64) throws -> String
    ) throws -> LedgerEvent {
        guard let session else {
            throw DatabaseError(message: "the ledger is appended to only inside a write transaction")
        }
        return try withoutActuallyEscaping(stating) { stating in
            try session.append(
                db: db, tenantId: tenantId, contract: contract, event: event, sourceTime: sourceTime, payload: payload, stating: stating)
        }
    }

    package var nextSeq: Int64 { session?.nextSeq ?? 0 }
}
