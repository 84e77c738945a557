/// A batch's standing, derived from its steps in ledger order; nothing about it is ever edited.
/// An exception (raised by the declaration, a correction that still does not reconcile, or an
/// attestation) stays open until a correction that reconciles is followed by a confirming
/// attestation. A correction of a batch without an open exception also waits for one.
public enum BatchStatus: String, Sendable {
    case reconciled
    case exception
    /// Corrected, and waiting for an attestation to confirm the correction.
    case awaitingAttestation = "awaiting_attestation"

    /// One step of a batch and the exceptions it raised.
    public enum Step: Sendable, Equatable {
        case declared([BatchException])
        case corrected([BatchException])
        case attested([BatchException])

        var raised: [BatchException] {
            switch self {
            case .declared(let e), .corrected(let e), .attested(let e): return e
            }
        }
    }

    /// An exception's life: the step that raised it, and the correction and attestation that closed it.
    public struct Record: Sendable, Equatable {
        public var raisedBy: Int
        public var exception: BatchException
        public var correctedBy: Int?
        public var closedBy: Int?
        public init(raisedBy: Int, exception: BatchException, correctedBy: Int? = nil, closedBy: Int? = nil) {
            self.raisedBy = raisedBy
            self.exception = exception
            self.correctedBy = correctedBy
            self.closedBy = closedBy
        }
    }

    /// The status after `steps`, and every exception raised with how (or whether) it was closed.
    public static func derive(_ steps: [Step]) -> (status: BatchStatus, exceptions: [Record]) {
        var records: [Record] = []
        var correction: Int?
        var awaiting = false
        for (i, step) in steps.enumerated() {
            let raised = step.raised
            if !raised.isEmpty {
                records += raised.map { Record(raisedBy: i, exception: $0) }
                correction = nil
                awaiting = false
                continue
            }
            switch step {
            case .declared: break
            case .corrected:
                correction = i
                awaiting = true
            case .attested:
                guard let c = correction else { continue }
                for r in records.indices where records[r].closedBy == nil {
                    records[r].correctedBy = c
                    records[r].closedBy = i
                }
                correction = nil
                awaiting = false
            }
        }
        if records.contains(where: { $0.closedBy == nil }) { return (.exception, records) }
        return (awaiting ? .awaitingAttestation : .reconciled, records)
    }
}
