import CTNConsole
import CTNModel
import CTNService
import CTNStore

/// The contract forms of each console page, their fields named after the contracts' parameters.
extension ConsoleController {
    func equipmentForms(_ list: JSONValue) throws -> [ConsoleForm] {
        let equipment = (list["equipment"]?.arrayValue ?? []).compactMap { $0["equipmentId"]?.stringValue }
        var forms = [
            ConsoleForm(
                try definition(.equipmentRegistration), title: "Register equipment", submit: "Register",
                fields: [.init("activityUnit", "Activity unit", .text(placeholder: "min"), value: "min")])
        ]
        if !equipment.isEmpty {
            forms.append(
                ConsoleForm(
                    try definition(.equipmentIntensityRegistration), title: "Set an intensity", submit: "Set intensity",
                    fields: [
                        .init("equipmentId", "Equipment", .choice(equipment.map { ($0, $0) })), .init("intensity", nil, .number),
                        .init("unit", nil, .text(placeholder: "kg-CO2e/min"), value: "kg-CO2e/min"),
                        .init("validFrom", "Valid from (optional)", .text(placeholder: "2026-01-01T00:00:00Z")),
                    ]))
        }
        return forms
    }

    func lotRegistrationForm() throws -> ConsoleForm {
        ConsoleForm(
            try definition(.lotRegistration), title: "Register a lot", submit: "Register lot",
            fields: [.init("declaredUnit", "Declared unit", .text(placeholder: "piece"), value: "piece")])
    }

    func agreementForm() throws -> ConsoleForm {
        let contracts = ["material-use-enquiry", "facility-usage-enquiry"]
        return ConsoleForm(
            try definition(.agreementGrant), title: "Grant an agreement", submit: "Grant",
            fields: [
                .init("grantee", "Grantee (business ID, @node for another node)", .text(placeholder: "3f6e…@parts")),
                .init(
                    "contracts", "Contracts (comma-separated)", .text(placeholder: contracts.joined(separator: ",")),
                    value: contracts.joined(separator: ",")),
                .init(
                    "scope", nil, .choice([("all", "all my lots"), ("shipped", "lots shipped to the grantee"), ("lot", "one lot")]),
                    value: "shipped"),
                .init("lotId", "Lot (for scope 'one lot')", .text(placeholder: nil)),
                .init("purpose", nil, .text(placeholder: "certification")),
                .init("expiresAt", "Expires at (optional)", .text(placeholder: "2027-01-01T00:00:00Z")),
            ])
    }

    /// What can be done to a lot now: inputs while it is open, correction and shipment once completed.
    func lotForms(_ lot: JSONValue, tenant: TenantRecord) async throws -> [ConsoleForm] {
        guard let lotId = lot["lotId"]?.stringValue else { return [] }
        let hidden = [(name: "lotId", value: lotId)]
        if lot["status"]?.stringValue == "completed" {
            return [
                ConsoleForm(
                    try definition(.lotShipment), title: "Ship", submit: "Ship",
                    fields: [.init("consignee", "Consignee (business ID, @node for another node)"), .init("quantity", nil, .number)],
                    hidden: hidden),
                ConsoleForm(
                    try definition(.lotCorrection), title: "Correct the figures", submit: "Correct",
                    fields: [
                        .init("completed", "Completed units", .number), .init("defects", "Defective units", .number), .init("reason"),
                    ],
                    hidden: hidden),
                ConsoleForm(
                    try definition(.certificateAttachment), title: "Attach a certificate", submit: "Attach",
                    fields: [.init("certificate", "Certificate (from the certifier)", .textarea(rows: 3, placeholder: "eyJ…"))],
                    hidden: hidden),
                ConsoleForm(
                    try definition(.categoryContribution), title: "Contribute to the category statistics", submit: "Contribute",
                    fields: [.init("category", nil, .choice(node.dictionaries.categories.keys.sorted().map { ($0, $0) }))], hidden: hidden),
            ]
        }
        let categories = node.dictionaries.categories.keys.sorted()
        let equipment = try await node.store.read { tx in try tx.equipmentList(tenantId: tenant.tenantId).map(\.equipmentId) }
        var forms = [
            ConsoleForm(
                try definition(.materialUse), title: "Add a material (category)", submit: "Add material",
                fields: [
                    .init("category", nil, .choice(categories.map { ($0, $0) })), .init("quantity", nil, .number),
                    .init("unit", nil, .text(placeholder: "kg"), value: "kg"),
                ], hidden: hidden),
            ConsoleForm(
                try definition(.materialUse), title: "Add a supplier's lot", submit: "Add lot",
                fields: [
                    .init("materialLotId", "Material lot ID"), .init("node", "Its node (empty for this node)"),
                    .init("quantity", nil, .number),
                    .init("unit", nil, .text(placeholder: "piece")),
                ], hidden: hidden),
        ]
        forms.append(
            ConsoleForm(
                try definition(.materialUse), title: "Add a supplier's PACT footprint", submit: "Add footprint",
                fields: [
                    .init("pactFootprintId", "Footprint ID (UUID)"), .init("supplier", "Supplier (from ctn pact supplier add)"),
                    .init("quantity", nil, .number), .init("unit", nil, .text(placeholder: "kg")),
                ], hidden: hidden))
        if !equipment.isEmpty {
            forms.append(
                ConsoleForm(
                    try definition(.equipmentUse), title: "Add equipment use", submit: "Add equipment use",
                    fields: [
                        .init("equipmentId", "Equipment", .choice(equipment.map { ($0, $0) })), .init("activity", nil, .number),
                        .init("unit", nil, .text(placeholder: "min"), value: "min"),
                    ], hidden: hidden))
        }
        forms.append(
            ConsoleForm(
                try definition(.lotCompleted), title: "Complete the lot", submit: "Complete",
                fields: [.init("completed", "Completed units", .number), .init("defects", "Defective units", .number, value: "0")],
                hidden: hidden))
        return forms
    }

    /// The energy report, certification and statistics pages: heading, introduction, forms.
    func sectionForms(_ section: String, tenant: TenantRecord) async throws -> (String, String, [ConsoleForm]) {
        switch section {
        case "energy":
            let equipment = try await node.store.read { tx in try tx.equipmentList(tenantId: tenant.tenantId).map(\.equipmentId) }
            let types = [("", "—")] + node.dictionaries.energyTypes.keys.sorted().map { ($0, $0) }
            var fields: [ConsoleForm.Field] = [
                .init("periodStart", "Period start", .text(placeholder: "2026-10-01T00:00:00Z")),
                .init("periodEnd", "Period end", .text(placeholder: "2026-11-01T00:00:00Z")),
                .init("validFrom", "Intensities valid from (optional)", .text(placeholder: "now")),
            ]
            for i in 0..<3 {
                fields += [
                    .init("energy[\(i)].type", "Energy \(i + 1): type", .choice(types), value: i == 0 ? "electricity" : ""),
                    .init("energy[\(i)].consumption", "Consumption", .number),
                    .init("energy[\(i)].unit", "Unit", .text(placeholder: "kWh")),
                ]
            }
            let machines = [("", "— not in this report —")] + equipment.map { ($0, $0) }
            for j in 0..<max(1, min(equipment.count, 8)) {
                let e = "equipment[\(j)]"
                fields += [
                    .init("\(e).equipmentId", "Machine \(j + 1)", .choice(machines)),
                    .init("\(e).operatingTime", "Operating time", .number),
                    .init("\(e).unit", "Time unit", .text(placeholder: "h")),
                    .init("\(e).performance[0].type", "Draws (energy type)", .choice(types), value: "electricity"),
                    .init("\(e).performance[0].value", "Power", .number),
                    .init("\(e).performance[0].unit", "Power unit", .text(placeholder: "kW")),
                ]
            }
            return (
                "Energy report",
                "A period's consumption per energy type and each machine's operating time and power: the node allocates the emissions and registers each machine's intensity.",
                [ConsoleForm(try definition(.energyReport), title: "Report a period", submit: "Send the report", fields: fields)]
            )
        case "site-periods":
            return (
                "Site periods",
                "The site carbon engine: calculate a period from a calculation document (docs/examples/calculation.json shows one), lock it so that its total becomes your equipment's intensities, restate it, compare.",
                try periodForms()
            )
        case "cbam":
            return (
                "CBAM",
                "For an operator outside the EU: installations, period reports with the embedded emissions of every good, the carbon price paid; for a verifier: replay and sign; for an importer: pull a supplier's signed summary, record imports, a year's embedded emissions.",
                try cbamForms()
            )
        case "simulation":
            return (
                "Production simulation",
                "A virtual factory for plants without a meter on every machine: simulate the period's lots on your model (machines, routings, shifts, switch-off), calibrate the powers to the meters you have, compare what-if scenarios, and record the lots' minutes per machine. The model is used for the run and not kept.",
                try simulationForms()
            )
        case "mass-balance":
            return (
                "Mass balance",
                "Certified and conventional pools moved only by events: receipts, batches (certified inputs × factor become certified output), corrections and attestations that close exceptions, dispatches with a signed declaration, bookings of your suppliers' declarations.",
                try massBalanceForms()
            )
        case "held":
            return (
                "Data held of other nodes",
                "What this node keeps of other nodes' lots (their statements, the breakdowns they disclosed), and deletion requests to them.",
                [
                    ConsoleForm(
                        try definition(.deletionRequest), title: "Ask a node to delete what it holds of your lots",
                        submit: "Ask for deletion",
                        fields: [.init("node", "Node"), .init("lotIds", "Lots (comma-separated; empty for all)")], danger: true)
                ]
            )
        case "certify":
            return (
                "Certify a lot",
                "As a certifier with the owner's agreement: the node replays the lot's disclosed breakdown with its own engine and signs a certificate if every check holds.",
                [
                    ConsoleForm(
                        try definition(.certification), title: "Certify", submit: "Run the checks",
                        fields: [.init("lotId", "Lot ID"), .init("node", "Its node (empty for this node)")])
                ]
            )
        default:
            let categories = node.dictionaries.categories.keys.sorted()
            return (
                "Category statistics", "The network's CFPs of a material category, published once 5 businesses contributed.",
                [
                    ConsoleForm(
                        try definition(.categoryStatistics), title: "Statistics of a category", submit: "Show",
                        fields: [.init("category", nil, .choice(categories.map { ($0, $0) }))])
                ]
            )
        }
    }

    func periodForms() throws -> [ConsoleForm] {
        let document = #"{"site": "…", "period": {"start": "…", "end": "…"}, "boundary": {"kind": "SITE_OPERATIONAL"}, "sources": […]}"#
        let override: [ConsoleForm.Field] = [
            .init("override.codes", "Override CRITICAL findings (codes, comma-separated)"),
            .init("override.justification", "Justification"),
        ]
        return [
            ConsoleForm(
                try definition(.calculation), title: "Calculate", submit: "Calculate",
                fields: [.init("_document", "Calculation document (JSON)", .textarea(rows: 8, placeholder: document))]),
            ConsoleForm(
                try definition(.periodLock), title: "Lock a period", submit: "Lock",
                fields: [
                    .init("calculation", "Calculation document (JSON)", .textarea(rows: 8, placeholder: document)),
                    .init(
                        "allocation", "Allocation (JSON)",
                        .textarea(rows: 3, placeholder: #"[{"equipmentId": "…", "activity": 600, "unit": "min"}]"#)),
                    .init("validFrom", "Intensities valid from (optional)", .text(placeholder: "the period's start")),
                ] + override),
            ConsoleForm(
                try definition(.periodRestatement), title: "Restate a period", submit: "Restate",
                fields: [
                    .init("snapshotId", "Snapshot (the period's latest)"),
                    .init("calculation", "Corrected calculation document (JSON)", .textarea(rows: 8, placeholder: document)),
                    .init("reason"),
                ] + override),
            ConsoleForm(
                try definition(.periodSnapshotEnquiry), title: "Show a snapshot", submit: "Show", fields: [.init("snapshotId", "Snapshot")]),
            ConsoleForm(
                try definition(.periodDiff), title: "What a restatement changed", submit: "Compare",
                fields: [.init("snapshotId", "Restated snapshot")]),
        ]
    }
}
