import CTNModel
import CTNStore

extension LotRecord {
    /// The lot's state as a type.
    var lotStatus: LotStatus { LotStatus(rawValue: status) ?? .open }
}

extension AgreementRecord {
    /// The agreement's scope as a type.
    var agreementScope: AgreementScope? { AgreementScope(rawValue: scope) }
}
