import CTNConsole
import CTNLedger
import CTNModel
import CTNService
import CTNStore
import Foundation
import HTTPTypes
import Hummingbird

/// The console's pages and its one form handler.
extension ConsoleController {
    /// A refused submission, to show again on its page: which contract, why, what was typed.
    struct Refusal {
        var contract: String
        var problem: Problem
        var values: FormFields
    }

    func show(_ request: Request, path: String) async throws -> Response {
        guard let (s, tenant) = try await session(request) else { return Self.redirect("/console/sign-in") }
        let done = request.uri.queryParameters["done"].map(String.init)
        return try await page(path, session: s, tenant: tenant, refusal: nil, done: done)
    }

    /// Posts one contract from its form: CSRF checked, fields typed by the definition, validated and
    /// answered exactly as the API would; a success goes back to the page, a refusal is shown on it.
    func submit(_ request: Request, contract id: String) async throws -> Response {
        let form = try await Self.form(request)
        guard let (s, tenant) = try await session(request) else { return Self.redirect("/console/sign-in") }
        guard let sent = form["_csrf"], Tokens.same(s.csrf, sent) else { return refusedForm() }
        guard let definition = node.contracts.first(where: { $0.id == id }), let contract = definition.contractID else {
            return html(
                renderer.page(
                    "message", ["heading": "Not found", "error": "no contract \(id)"], frame: frame(s, tenant, title: "Not found")),
                status: .notFound)
        }
        let back = Self.safeBack(form["_back"])
        let (path, body) = FormBody.call(form, definition)
        do {
            try node.validator.validatePath(definition, path)
            try node.validator.validateQuery(definition, path)
            let validated =
                definition.body == nil
                ? JSONObject() : try node.validator.validateBody(definition, bytes: Array(CanonicalJSON.encode(.object(body)).utf8))
            let answer = try await node.service.handle(contract, ValidatedRequest(path: path, body: validated), caller: .tenant(tenant))
            // Answers worth reading are shown at once, above the form that asked for them.
            if let shown = Self.shownAnswer(contract, answer) {
                return try await page(back, session: s, tenant: tenant, refusal: nil, done: id, result: shown)
            }
            // A new lot opens on its own page.
            if contract == .lotRegistration, let lot = answer["lotId"]?.stringValue {
                return Self.redirect("/console/lots/\(lot)?done=\(id)")
            }
            return Self.redirect("\(back)?done=\(id)")
        } catch let problem as Problem {
            return try await page(
                back, session: s, tenant: tenant, refusal: Refusal(contract: id, problem: problem, values: form), done: nil)
        }
    }

    static func shownAnswer(_ contract: ContractID, _ answer: JSONValue) -> String? {
        switch contract {
        case .energyReport: ResultViews.energyReport(answer)
        case .certification: ResultViews.certification(answer)
        case .categoryStatistics: ResultViews.statistics(answer)
        case .calculation: PeriodViews.calculation(answer)
        case .periodLock, .periodRestatement, .periodSnapshotEnquiry: PeriodViews.snapshot(answer)
        case .periodDiff: PeriodViews.diff(answer)
        case .massBalanceBalances: MassBalanceViews.balances(answer)
        case .massBalanceBatch, .massBalanceCorrection, .massBalanceAttestation, .massBalanceBatchEnquiry: MassBalanceViews.batch(answer)
        case .massBalanceDispatch: MassBalanceViews.dispatch(answer)
        case .massBalanceAudit: MassBalanceViews.audit(answer)
        case .cbamDefaults: CBAMViews.defaults(answer)
        case .cbamReport, .cbamReportEnquiry: CBAMViews.report(answer)
        case .cbamVerification: CBAMViews.verification(answer)
        case .cbamImports: CBAMViews.imports(answer)
        case .simulationRun: SimulationViews.run(answer)
        case .simulationApply: SimulationViews.applied(answer)
        default: nil
        }
    }

    /// Only the console's own pages are places to come back to.
    static func safeBack(_ back: String?) -> String {
        guard let back, back.hasPrefix("/console/"), !back.contains("//"), !back.contains("?"), back.utf8.count < 200,
            back.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 32 })
        else { return "/console/lots" }
        return back
    }

    func frame(_ s: SessionRecord, _ tenant: TenantRecord, title: String, section: String = "", notice: String? = nil) -> [String: Any] {
        var f: [String: Any] = [
            "title": title, "nodeId": node.keys.nodeId, "signedIn": true, "csrf": s.csrf, "business": tenant.businessId,
            "navLots": section == "lots", "navEquipment": section == "equipment", "navAgreements": section == "agreements",
            "navNames": section == "names", "navEnergy": section == "energy", "navCertify": section == "certify",
            "navStatistics": section == "statistics", "navSitePeriods": section == "site-periods", "navHeld": section == "held",
            "navMassBalance": section == "mass-balance", "navCBAM": section == "cbam",
            "navSimulation": section == "simulation",
        ]
        if let notice { f["notice"] = notice }
        return f
    }

    func definition(_ id: ContractID) throws -> ContractDefinition {
        guard let d = node.contracts.first(where: { $0.contractID == id }) else { throw Problem.notFound("contract \(id.rawValue)") }
        return d
    }

    func form(_ f: ConsoleForm, _ s: SessionRecord, back: String, _ refusal: Refusal?) -> [String: Any] {
        let mine = refusal?.contract == f.definition.id
        return f.view(csrf: s.csrf, back: back, problem: mine ? refusal?.problem : nil, values: mine ? refusal?.values : nil)
    }

    func page(
        _ path: String, session s: SessionRecord, tenant: TenantRecord, refusal: Refusal?, done: String?, result: String? = nil
    ) async throws -> Response {
        let notice = done.flatMap { id in node.contracts.first { $0.id == id }.map { "\($0.name): done." } }
        let status: HTTPResponse.Status = refusal.map { HTTPResponse.Status(code: $0.problem.status) } ?? .ok
        let parts = path.split(separator: "/").map(String.init)
        let caller = Caller.tenant(tenant)
        switch parts.count > 1 ? parts[1] : "" {
        case "equipment":
            let list = try await node.service.handle(.equipmentEnquiry, ValidatedRequest(), caller: caller)
            let forms = try equipmentForms(list).map { form($0, s, back: path, refusal) }
            return html(
                renderer.page(
                    "equipment", ConsolePages.equipment(list, forms: forms),
                    frame: frame(s, tenant, title: "Equipment", section: "equipment", notice: notice)),
                status: status)
        case "agreements":
            let agreements = try await node.service.handle(.agreementEnquiry, ValidatedRequest(), caller: caller)
            let usage = try await node.service.handle(.usageLogEnquiry, ValidatedRequest(), caller: caller)
            let forms = [form(try agreementForm(), s, back: path, refusal)]
            var view = ConsolePages.agreements(agreements, usage: usage, forms: forms)
            view["csrf"] = s.csrf
            return html(
                renderer.page("agreements", view, frame: frame(s, tenant, title: "Agreements", section: "agreements", notice: notice)),
                status: status)
        case "energy", "certify", "statistics", "site-periods", "held", "mass-balance", "cbam", "simulation":
            let section = parts[1]
            let (heading, intro, forms) = try await sectionForms(section, tenant: tenant)
            var view: [String: Any] = [
                "heading": heading, "intro": intro, "forms": forms.map { form($0, s, back: path, refusal) },
                "wide": ["energy", "site-periods", "mass-balance", "cbam", "simulation"].contains(section),
            ]
            if let result { view["result"] = result }
            if section == "held", result == nil {
                let held = try await node.service.handle(.heldDataEnquiry, ValidatedRequest(), caller: caller)
                let receipts = try await node.service.handle(.deletionReceiptEnquiry, ValidatedRequest(), caller: caller)
                view["result"] = PeriodViews.held(held, receipts: receipts)
            }
            if section == "cbam", result == nil {
                let list = try await node.service.handle(.cbamInstallationEnquiry, ValidatedRequest(), caller: caller)
                view["result"] = CBAMViews.installations(list)
            }
            if section == "mass-balance", result == nil {
                view["result"] = MassBalanceViews.balances(
                    try await node.service.handle(.massBalanceBalances, ValidatedRequest(), caller: caller))
            }
            return html(
                renderer.page("section", view, frame: frame(s, tenant, title: heading, section: section, notice: notice)), status: status)
        case "names":
            return html(
                renderer.page("names", [:], frame: frame(s, tenant, title: "Names", section: "names", notice: notice)), status: status)
        case "lots" where parts.count >= 3 && ID128(parts[2]) != nil:
            return try await lotPage(
                parts[2], trace: parts.count == 4 && parts[3] == "trace", s, tenant, refusal: refusal, notice: notice, status: status)
        default:
            let ids = try await node.store.read { tx in try tx.lotIds(tenantId: tenant.tenantId) }
            var lots: [JSONValue] = []
            for id in ids.suffix(200).reversed() {
                lots.append(try await node.service.handle(.lotEnquiry, ValidatedRequest(path: ["lotId": id]), caller: caller))
            }
            let forms = [form(try lotRegistrationForm(), s, back: "/console/lots", refusal)]
            return html(
                renderer.page(
                    "lots", ConsolePages.lots(lots, forms: forms), frame: frame(s, tenant, title: "Lots", section: "lots", notice: notice)),
                status: status)
        }
    }

    func lotPage(
        _ lotId: String, trace: Bool, _ s: SessionRecord, _ tenant: TenantRecord, refusal: Refusal?, notice: String?,
        status: HTTPResponse.Status
    ) async throws -> Response {
        let caller = Caller.tenant(tenant)
        let path = ["lotId": lotId]
        let lot: JSONValue
        do { lot = try await node.service.handle(.lotEnquiry, ValidatedRequest(path: path), caller: caller) } catch let problem as Problem {
            return html(
                renderer.page(
                    "message", ["heading": "Not found", "error": problem.detail],
                    frame: frame(s, tenant, title: "Not found", section: "lots")),
                status: HTTPResponse.Status(code: problem.status))
        }
        guard lot["totalCO2"] != nil || lot["materialCO2"] != nil else {
            return html(
                renderer.page(
                    "message", ["heading": "Not yours", "error": "lot \(lotId) is not one of yours"],
                    frame: frame(s, tenant, title: "Not yours", section: "lots")),
                status: .notFound)
        }
        if trace {
            let started = Date()
            let answer = try await node.service.trace(lotId: lotId, root: node.keys.nodeId, options: node.traceOptions, for: tenant)
            let view = ConsolePages.trace(answer, lotId: lotId, elapsedMillis: Int(Date().timeIntervalSince(started) * 1000))
            return html(renderer.page("trace", view, frame: frame(s, tenant, title: "Trace", section: "lots")))
        }
        let materials = try? await node.service.handle(.materialUseEnquiry, ValidatedRequest(path: path), caller: caller)
        let facility = try? await node.service.handle(.facilityUsageEnquiry, ValidatedRequest(path: path), caller: caller)
        let back = "/console/lots/\(lotId)"
        let forms = try await lotForms(lot, tenant: tenant).map { form($0, s, back: back, refusal) }
        let view = ConsolePages.lot(lot, materials: materials, facility: facility, forms: forms)
        return html(renderer.page("lot", view, frame: frame(s, tenant, title: "Lot", section: "lots", notice: notice)), status: status)
    }
}
