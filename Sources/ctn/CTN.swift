import ArgumentParser
import Foundation

@main
struct CTN: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ctn",
        abstract: "A node of the Carbon chain Trusted Network: product carbon footprints under hashed 128-bit IDs.",
        subcommands: [
            Init.self, Serve.self, Demo.self, TenantCommand.self, LedgerCommand.self,
            LotCommand.self, EquipmentCommand.self, EnergyCommand.self, StatementCommand.self, FederationCommand.self, TraceCommand.self,
            AgreementCommand.self, UsageCommand.self, CertifyCommand.self, CertificateCommand.self, DeletionCommand.self,
            StatisticsCommand.self,
            EngineCommand.self, PeriodCommand.self, PACTCommand.self, MassBalanceCommand.self, CBAMCommand.self, SimulateCommand.self,
            LogCommand.self, BackupCommand.self, RestoreCommand.self, StoreCommand.self,
        ]
    )
}
