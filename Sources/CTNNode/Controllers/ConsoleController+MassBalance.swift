import CTNConsole
import CTNModel

/// The mass-balance page's forms, named after the contracts' parameters.
extension ConsoleController {
    func massBalanceForms() throws -> [ConsoleForm] {
        let pools = [("certified", "certified"), ("conventional", "conventional")]
        let lines = #"[{"material": "PAN", "pool": "certified", "scheme": "ISCC PLUS", "mass": {"value": 60, "unit": "t"}}]"#
        return [
            ConsoleForm(
                try definition(.massBalanceBalances), title: "Carry-forward at a cut-off", submit: "Show the pools",
                fields: [.init("at", "Cut-off (empty for now)", .text(placeholder: "2026-05-31T23:59:59Z"))]),
            ConsoleForm(
                try definition(.massBalanceReceipt), title: "Book a receipt", submit: "Book",
                fields: [
                    .init("material", "Material code", .text(placeholder: "PAN")), .init("pool", "Pool", .choice(pools)),
                    .init("mass.value", "Net mass", .number), .init("mass.unit", "Unit", .text(placeholder: "t"), value: "t"),
                    .init("scheme", "Scheme (certified)", .text(placeholder: "ISCC PLUS")),
                    .init("claim", "Claim (optional)", .text(placeholder: "bio-attributed")),
                    .init("supplierDeclaration", "Supplier's SD/PoS number (certified)"),
                    .init("expiresAt", "Credit expires (optional)", .text(placeholder: "2027-01-01T00:00:00Z")),
                    .init("time", "Received at (optional)", .text(placeholder: "now")),
                ]),
            ConsoleForm(
                try definition(.massBalanceBatch), title: "Declare a batch", submit: "Reconcile",
                fields: [
                    .init("inputs", "Inputs (JSON)", .textarea(rows: 3, placeholder: lines)),
                    .init(
                        "outputs", "Outputs (JSON)",
                        .textarea(rows: 2, placeholder: #"[{"material": "CF", "mass": {"value": 100, "unit": "t"}}]"#)),
                    .init("conversionFactor", "Conversion factor", .number),
                    .init("tolerance", "Tolerance (0.02 = 2 %)", .number, value: "0.02"),
                ]),
            ConsoleForm(
                try definition(.massBalanceCorrection), title: "Correct a batch", submit: "Correct",
                fields: [
                    .init("batchId", "Batch"), .init("reason"),
                    .init(
                        "adjustments", "Pool adjustments (JSON, signed masses)",
                        .textarea(rows: 2, placeholder: #"[{"material": "CF", "pool": "conventional", "mass": {"value": 9, "unit": "t"}}]"#)
                    ),
                    .init(
                        "outputs", "Corrected outputs (JSON, optional)",
                        .textarea(rows: 2, placeholder: #"[{"material": "CF", "mass": {"value": 99, "unit": "t"}}]"#)),
                ]),
            ConsoleForm(
                try definition(.massBalanceAttestation), title: "Attest a batch", submit: "Attest",
                fields: [
                    .init("batchId", "Batch"),
                    .init("level", "Level", .choice([("scada", "SCADA / historian"), ("edge", "edge collector")])),
                    .init("window.start", "Window start", .text(placeholder: "2026-05-10T00:00:00Z")),
                    .init("window.end", "Window end", .text(placeholder: "2026-05-10T12:00:00Z")),
                    .init("sourceTime", "Source time (its clock)", .text(placeholder: "2026-06-01T00:00:00Z")),
                    .init(
                        "measured", "Measured (JSON, optional)",
                        .textarea(rows: 2, placeholder: #"[{"material": "PAN", "mass": {"value": 200, "unit": "t"}}]"#)),
                    .init(
                        "devices", "Devices (JSON, optional)",
                        .textarea(rows: 2, placeholder: #"[{"device": "WB-01", "calibrationValidUntil": "2027-01-01T00:00:00Z"}]"#)),
                ]),
            ConsoleForm(
                try definition(.massBalanceDispatch), title: "Dispatch", submit: "Dispatch",
                fields: [
                    .init("material", "Material code", .text(placeholder: "CF")), .init("mass.value", "Mass", .number),
                    .init("mass.unit", "Unit", .text(placeholder: "t"), value: "t"),
                    .init("certifiedMass.value", "Of it certified", .number),
                    .init("certifiedMass.unit", "Unit", .text(placeholder: "t"), value: "t"),
                    .init("batchIds", "Batches it rests on (comma-separated)"),
                    .init("consignee", "Consignee (business ID, @node for another node)"), .init("lotId", "Lot (optional)"),
                ]),
            ConsoleForm(
                try definition(.massBalanceDeclaration), title: "Book a supplier's declaration", submit: "Book",
                fields: [
                    .init("declaration", "Declaration (JWS)", .textarea(rows: 4, placeholder: "eyJhbGciOiJFZERTQSIs…")),
                    .init("material", "Your material code", .text(placeholder: "CF-IN")),
                ]),
            ConsoleForm(
                try definition(.massBalanceBatchEnquiry), title: "Show a batch", submit: "Show", fields: [.init("batchId", "Batch")]),
            ConsoleForm(
                try definition(.massBalanceAudit), title: "Audit pack", submit: "Build the pack",
                fields: [
                    .init("from", "From (optional)", .text(placeholder: "2026-05-01T00:00:00Z")),
                    .init("to", "To (optional)", .text(placeholder: "now")),
                ]),
        ]
    }
}
