import CTNModel

/// The one place that maps each contract to its input type and its handler.
public enum ContractTable {
    /// A contract's input type and the handler that answers it.
    public struct Entry: Sendable {
        public let input: any ContractInput.Type
        let run: @Sendable (ContractService, ValidatedRequest, Caller) async throws -> JSONValue
    }

    static func entry<Input: ContractInput>(
        _ type: Input.Type, _ handler: @escaping @Sendable (ContractService) -> (Input, Caller) async throws -> JSONValue
    ) -> (ContractID, Entry) {
        (Input.contract, Entry(input: type) { service, request, caller in try await handler(service)(try Input(request), caller) })
    }

    public static let entries: [ContractID: Entry] = Dictionary(uniqueKeysWithValues: [
        entry(EquipmentRegistrationInput.self, ContractService.registerEquipment),
        entry(IntensityRegistrationInput.self, ContractService.registerIntensity),
        entry(EquipmentEnquiryInput.self, ContractService.equipmentEnquiry),
        entry(EnergyReportInput.self, ContractService.energyReport),
        entry(LotRegistrationInput.self, ContractService.registerLot),
        entry(MaterialUseInput.self, ContractService.materialUse),
        entry(EquipmentUseInput.self, ContractService.equipmentUse),
        entry(LotCompletedInput.self, ContractService.completeLot),
        entry(LotCorrectionInput.self, ContractService.correctLot),
        entry(LotShipmentInput.self, ContractService.shipLot),
        entry(LotEnquiryInput.self, ContractService.lotEnquiry),
        entry(MaterialUseEnquiryInput.self, ContractService.materialUseEnquiry),
        entry(FacilityUsageEnquiryInput.self, ContractService.facilityUsageEnquiry),
        entry(AgreementGrantInput.self, ContractService.grantAgreement),
        entry(AgreementEnquiryInput.self, ContractService.agreementEnquiry),
        entry(AgreementRevocationInput.self, ContractService.revokeAgreement),
        entry(UsageLogEnquiryInput.self, ContractService.usageLog),
        entry(CategoryContributionInput.self, ContractService.contributeLot),
        entry(CategoryStatisticsInput.self, ContractService.categoryStatistics),
        entry(CertificationInput.self, ContractService.certify),
        entry(CertificateAttachmentInput.self, ContractService.attachCertificate),
        entry(DeletionRequestInput.self, ContractService.requestDeletion),
        entry(DeletionReceiptEnquiryInput.self, ContractService.receiptEnquiry),
        entry(HeldDataEnquiryInput.self, ContractService.heldEnquiry),
        entry(CalculationInput.self, ContractService.calculate),
        entry(PeriodLockInput.self, ContractService.lockPeriod),
        entry(PeriodRestatementInput.self, ContractService.restatePeriod),
        entry(PeriodSnapshotEnquiryInput.self, ContractService.snapshotEnquiry),
        entry(PeriodDiffInput.self, ContractService.periodDiff),
        entry(PACTProfileInput.self, ContractService.pactProfile),
        entry(PACTPublicationInput.self, ContractService.pactPublication),
        entry(PACTWithdrawalInput.self, ContractService.pactWithdrawal),
        entry(MassBalanceReceiptInput.self, ContractService.massBalanceReceipt),
        entry(MassBalanceBatchInput.self, ContractService.massBalanceBatch),
        entry(MassBalanceCorrectionInput.self, ContractService.massBalanceCorrection),
        entry(MassBalanceAttestationInput.self, ContractService.massBalanceAttestation),
        entry(MassBalanceUtilityInput.self, ContractService.massBalanceUtility),
        entry(MassBalanceDispatchInput.self, ContractService.massBalanceDispatch),
        entry(MassBalanceDeclarationInput.self, ContractService.massBalanceDeclaration),
        entry(MassBalanceBalancesInput.self, ContractService.massBalanceBalances),
        entry(MassBalanceBatchEnquiryInput.self, ContractService.massBalanceBatchEnquiry),
        entry(MassBalanceAuditInput.self, ContractService.massBalanceAudit),
        entry(CBAMDefaultsInput.self, ContractService.cbamDefaults),
        entry(CBAMInstallationInput.self, ContractService.cbamInstallation),
        entry(CBAMInstallationWithdrawalInput.self, ContractService.cbamInstallationWithdrawal),
        entry(CBAMInstallationEnquiryInput.self, ContractService.cbamInstallationEnquiry),
        entry(CBAMReportInput.self, ContractService.cbamReport),
        entry(CBAMReportEnquiryInput.self, ContractService.cbamReportEnquiry),
        entry(CBAMVerificationInput.self, ContractService.cbamVerification),
        entry(CBAMVerificationAttachmentInput.self, ContractService.cbamVerificationAttachment),
        entry(CBAMSummaryInput.self, ContractService.cbamSummary),
        entry(CBAMSummaryBookingInput.self, ContractService.cbamSummaryBooking),
        entry(CBAMImportInput.self, ContractService.cbamImport),
        entry(CBAMImportsInput.self, ContractService.cbamImports),
        entry(CBAMCarbonPriceInput.self, ContractService.cbamCarbonPrice),
        entry(SimulationRunInput.self, ContractService.simulationRun),
        entry(SimulationApplyInput.self, ContractService.simulationApply),
    ])
}

extension ContractService {
    /// Answers one contract call: builds its typed input from the validated request and runs its handler.
    public func handle(_ contract: ContractID, _ request: ValidatedRequest, caller: Caller) async throws -> JSONValue {
        guard let entry = ContractTable.entries[contract] else {
            throw Problem(
                status: 501, code: "not_implemented", title: "Not implemented", detail: "contract \(contract.rawValue) has no handler")
        }
        return try await entry.run(self, request, caller)
    }
}
