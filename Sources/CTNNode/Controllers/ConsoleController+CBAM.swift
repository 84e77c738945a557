import CTNConsole
import CTNModel

/// The CBAM page's forms: operator (installations, reports, carbon price, attaching a verification),
/// verifier (replay and sign), importer (pull a summary, record imports, the year's view).
extension ConsoleController {
    func cbamForms() throws -> [ConsoleForm] {
        let document =
            #"{"installation": "…", "period": {"start": "2026-01-01T00:00:00Z", "end": "2027-01-01T00:00:00Z"}, "processes": […]}"#
        return [
            ConsoleForm(
                try definition(.cbamDefaults), title: "Default value", submit: "Look up",
                fields: [
                    .init("cn", "CN code", .text(placeholder: "7208 10 00")),
                    .init("country", "Country of origin", .text(placeholder: "CN")),
                ]),
            ConsoleForm(
                try definition(.cbamInstallation), title: "Register an installation", submit: "Register",
                fields: [
                    .init("name"), .init("address"), .init("country", "Country (ISO 3166)", .text(placeholder: "TR")),
                    .init("unlocode", "UN/LOCODE", .text(placeholder: "TRALA")), .init("latitude", nil, .number),
                    .init("longitude", nil, .number),
                    .init("registryId", "CBAM registry ID (optional)"),
                ]),
            ConsoleForm(
                try definition(.cbamReport), title: "File a period report", submit: "File",
                fields: [.init("_document", "Report document (JSON)", .textarea(rows: 8, placeholder: document))]),
            ConsoleForm(try definition(.cbamReportEnquiry), title: "Show a report", submit: "Show", fields: [.init("reportId", "Report")]),
            ConsoleForm(
                try definition(.cbamVerification), title: "Verify a report (as verifier)", submit: "Replay and sign",
                fields: [.init("reportId", "Report"), .init("node", "Operator's node (empty for this node)")]),
            ConsoleForm(
                try definition(.cbamVerificationAttachment), title: "Attach a verification", submit: "Attach",
                fields: [.init("reportId", "Report"), .init("verification", "Statement (JWS)", .textarea(rows: 3, placeholder: "eyJ…"))]),
            ConsoleForm(
                try definition(.cbamCarbonPrice), title: "Carbon price paid", submit: "State",
                fields: [
                    .init("reportId", "Report"), .init("instrument"), .init("legalBasis", "Legal basis"),
                    .init("price.value", "Price per t CO2e", .number), .init("price.currency", "Currency", .text(placeholder: "EUR")),
                    .init("refund", "Refund per t CO2e", .number),
                    .init("rebatedShare", "Share rebated or freely allocated (0..1)", .number),
                    .init("evidence", "Proof of payment"), .init("certifiedBy", "Certified by (independent person)"),
                ]),
            ConsoleForm(
                try definition(.cbamSummaryBooking), title: "Pull a supplier's summary (as importer)", submit: "Pull and book",
                fields: [.init("node", "Supplier's node"), .init("reportId", "Report")]),
            ConsoleForm(
                try definition(.cbamImport), title: "Record an import", submit: "Record",
                fields: [
                    .init("node", "Supplier's node"), .init("reportId", "Report"), .init("cn", "CN code"),
                    .init("mass.value", "Mass", .number),
                    .init("mass.unit", "Unit", .text(placeholder: "t"), value: "t"),
                    .init("importedAt", "Released for free circulation (optional)", .text(placeholder: "now")),
                ]),
            ConsoleForm(
                try definition(.cbamImports), title: "A year's imports", submit: "Show",
                fields: [.init("year", nil, .text(placeholder: "2026"))]),
        ]
    }
}
