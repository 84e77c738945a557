import CTNStore

/// What the single writer has already read or written, so that a hot lot, its equipment and the
/// intensity versions are not fetched again for every call. Only the writer touches it (it lives
/// in the writer's state), and it is cleared whenever a savepoint or a commit fails, so it only
/// ever holds committed rows or rows of the transaction in progress.
package struct WriterCache: Sendable {
    package private(set) var lots: [String: LotRecord] = [:]
    package private(set) var equipment: [String: EquipmentRecord] = [:]
    /// Every version of an equipment's intensity, by `valid_from` then `version`.
    package private(set) var intensities: [String: [IntensityRecord]] = [:]
    static let capacity = 100_000

    package mutating func put(lot: LotRecord) {
        if lots.count >= Self.capacity { lots.removeAll(keepingCapacity: true) }
        lots[lot.lotId] = lot
    }

    package mutating func put(equipment e: EquipmentRecord) {
        if equipment.count >= Self.capacity { equipment.removeAll(keepingCapacity: true) }
        equipment[e.equipmentId] = e
    }

    package mutating func put(intensities versions: [IntensityRecord], for id: String) {
        if intensities.count >= Self.capacity { intensities.removeAll(keepingCapacity: true) }
        intensities[id] = versions
    }

    /// A new version was written: the list must be read again.
    package mutating func dropIntensities(for id: String) {
        intensities[id] = nil
    }

    package mutating func clear() {
        lots.removeAll()
        equipment.removeAll()
        intensities.removeAll()
    }
}
