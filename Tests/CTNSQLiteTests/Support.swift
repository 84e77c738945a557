import CTNLedger
import CTNModel
import CTNSQL
import CTNStore
import CTNTestSupport
import Foundation
import Synchronization

@testable import CTNSQLite

/// A fresh store in memory with a fixed node key.
func makeStore() throws -> SQLiteStore {
    try SQLiteStore.inMemory(keys: NodeKeys.generate(nodeId: "test-node"))
}

/// A fresh store of the kind the run tests (SQLite, or PostgreSQL: see `TestStores`), for the
/// tests of what every store must do alike.
func makeAnyStore() async throws -> any SQLStore {
    try await TestStores.make(keys: NodeKeys.generate(nodeId: "test-node"))
}

func openLot(_ id: String, tenant: String = "tenant-a", createdAt: Int64 = 1, unit: String = "piece") -> LotRecord {
    LotRecord(lotId: id, tenantId: tenant, declaredUnit: unit, status: .open, createdAt: createdAt)
}

/// A lot with every optional field set and no field at its default.
func completedLot(_ id: String, tenant: String = "tenant-a", co2PerUnit: Double = 2.5) -> LotRecord {
    LotRecord(
        lotId: id, tenantId: tenant, declaredUnit: "kg", status: .completed, createdAt: 11, materialCO2: 1.25, processCO2: 3.5,
        completed: 10, defects: 2, totalCO2: 4.75, co2PerUnit: co2PerUnit, completedAt: 12, completedSeq: 13, completedHash: "hash-13",
        shipped: 4, version: 2, statement: "jws-statement", secondaryCO2: 0.75, certificateCount: 1)
}

func equipment(_ id: String, tenant: String = "tenant-a", createdAt: Int64 = 1) -> EquipmentRecord {
    EquipmentRecord(equipmentId: id, tenantId: tenant, activityUnit: "min", createdAt: createdAt)
}

struct Refused: Error, Equatable {}

/// A flag set on the writer's thread and polled by the test.
final class Flag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}

/// Waits (polling) until `condition` holds, for at most 10 s.
func eventually(_ condition: () -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(10)
    while !condition() {
        guard ContinuousClock.now < deadline else { throw Refused() }
        try await Task.sleep(for: .milliseconds(2))
    }
}
