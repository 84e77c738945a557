import CTNModel
import Foundation
import Testing

@testable import CTNConsole

/// The console's pure parts: form bodies read and typed by a contract's definition, problems
/// placed next to their field, markup escaped, the pages' views built from the node's answers.
@Suite("Console forms and views")
struct ConsoleFormTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let definitions = (try? ContractDefinition.loadAll(folder: root.appendingPathComponent("Contracts"))) ?? []

    @Test("Form bodies: percent-encoding and '+' decoded, names may repeat, broken escapes kept")
    func formFields() {
        let f = FormFields("a=1+2&b=%C3%A9t%C3%A9&a=3&c=%zz&d")
        #expect(f["a"] == "1 2" && f.all("a") == ["1 2", "3"] && f["b"] == "été" && f["c"] == "%zz" && f["d"] == "")
        #expect(f.nulField == nil)
    }

    @Test("A NUL decoded from a form is found and named (the controllers refuse the form)")
    func nulInForm() {
        #expect(FormFields("a=1&lotId=ab%00cd").nulField == "lotId")
        #expect(FormFields("a%00=1&b=2").nulField == "form")
        #expect(FormFields("a=%2500").nulField == nil)  // the text "%00", not a NUL
    }

    @Test("A contract's fields typed as its definition says: numbers, lists, path parameters; empty ones left out")
    func typing() throws {
        let use = try #require(Self.definitions.first { $0.id == "equipment-use" })
        let (path, body) = FormBody.call(FormFields("_csrf=x&lotId=ab&equipmentId=cd&activity=2.5&unit=min&time="), use)
        #expect(path == ["lotId": "ab"])
        #expect(body["activity"] == .number(2.5) && body["equipmentId"] == "cd" && body["time"] == nil && body["_csrf"] == nil)
        // Not a number: kept as text, so that the validator names the field.
        #expect(FormBody.call(FormFields("activity=lots"), use).body["activity"] == "lots")
        let grant = try #require(Self.definitions.first { $0.id == "agreement-grant" })
        #expect(
            FormBody.call(FormFields("contracts=material-use-enquiry,%20facility-usage-enquiry"), grant).body["contracts"]
                == ["material-use-enquiry", "facility-usage-enquiry"])
    }

    @Test("A problem goes next to the field it names, or above the form; typed values stay")
    func problems() throws {
        let definition = try #require(Self.definitions.first { $0.id == "lot-completed" })
        let form = ConsoleForm(definition, title: "Complete", submit: "Complete", fields: [.init("completed"), .init("defects")])
        let problem = Problem(status: 422, code: "defects_exceed_completed", title: "Cannot complete", detail: "4 > 3", field: "defects")
        let view = form.view(csrf: "t", back: "/console/lots", problem: problem, values: FormFields("completed=3&defects=4"))
        let fields = try #require(view["fields"] as? [[String: Any]])
        #expect(fields[1]["error"] as? String == "4 > 3" && fields[0]["error"] == nil)
        #expect(fields[0]["value"] as? String == "3" && view["problem"] == nil)
        let elsewhere = Problem(status: 409, code: "lot_completed", title: "Completed", detail: "already", field: "lotId")
        #expect(form.view(csrf: "t", back: "/", problem: elsewhere)["problem"] as? String == "Completed: already")
        #expect(ConsoleForm.label("materialLotId") == "Material lot ID" && ConsoleForm.label("declaredUnit") == "Declared unit")
    }

    @Test("The node's text in markup the console builds is escaped; templates escape the rest")
    func escaping() throws {
        #expect(HTML.escape("<script>\"x\" & 'y'</script>") == "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;")
        let trace = ConsolePages.trace(
            ["lotId": "a", "node": "n<b>", "category": .null, "breakdown": "undisclosed", "reason": "<img src=x>"], lotId: "a",
            elapsedMillis: 3)
        let tree = try #require(trace["tree"] as? String)
        #expect(!tree.contains("<b>") && !tree.contains("<img") && tree.contains("&lt;img src=x&gt;"))
        let page = try ConsoleRenderer().page("lots", ["empty": true, "forms": []], frame: ["title": "<x>", "nodeId": "n"])
        #expect(page.contains("<title>&lt;x&gt; · CTN console</title>"))
    }

    @Test("A lot's view: CFP, material and process parts, one bar per input")
    func lotView() throws {
        let lot: JSONValue = [
            "lotId": "l", "status": "completed", "declaredUnit": "piece", "co2PerUnit": 4.049, "materialCO2": 6.598, "processCO2": 1.5,
            "goodUnits": 2, "shipped": 0,
        ]
        let materials: JSONValue = [
            "materialUses": [
                ["category": "resin-abs", "quantity": 1, "unit": "kg", "co2": 0.254],
                ["materialLotId": "p", "node": "parts", "quantity": 4, "unit": "piece", "co2": 6.344],
            ]
        ]
        let view = ConsolePages.lot(
            lot, materials: materials, facility: ["equipmentUses": [["equipmentId": "e", "activity": 5, "unit": "min", "co2": 1.5]]],
            forms: [])
        #expect(view["cfp"] as? String == "4.049" && view["materialCO2"] as? String == "6.598")
        #expect((view["inputs"] as? [[String: Any]])?.count == 3)
        let chart = try #require(view["chart"] as? String)
        #expect(chart.components(separatedBy: "<rect").count - 1 == 5)
    }

    @Test(
        "Documents in one field: a calculation whole from _document, a lock's calculation and allocation as JSON, override members by path")
    func documents() throws {
        let calculation = try #require(Self.definitions.first { $0.id == "calculation" })
        let whole = FormBody.call(FormFields("_csrf=x&_document=%7B%22site%22%3A%22ab%22%7D"), calculation)
        #expect(whole.body["site"] == "ab" && whole.body.count == 1)
        let lock = try #require(Self.definitions.first { $0.id == "period-lock" })
        let form = FormFields(
            "calculation=%7B%22site%22%3A1%7D&allocation=%5B%7B%22activity%22%3A600%7D%5D&override.codes=a%2Cb&override.justification=why&validFrom="
        )
        let (_, body) = FormBody.call(form, lock)
        #expect(body["calculation"] == ["site": 1] && body["allocation"] == [["activity": 600]])
        #expect(body["override"] == ["codes": ["a", "b"], "justification": "why"] && body["validFrom"] == nil)
        // Not JSON: kept as text, so that the validator says which field is wrong.
        #expect(FormBody.call(FormFields("calculation=%7Bnot"), lock).body["calculation"] == "{not")
        // Rows of an energy report: numbered fields, a row whose first field is empty left out.
        let report = try #require(Self.definitions.first { $0.id == "energy-report" })
        let rows = FormBody.call(
            FormFields(
                "energy[0].type=electricity&energy[0].consumption=1000&energy[1].type=&energy[1].consumption=5&equipment[0].equipmentId=e&equipment[0].performance[0].type=electricity&equipment[0].performance[0].value=5"
            ),
            report
        ).body
        #expect(rows["energy"] == [["type": "electricity", "consumption": 1000]])
        #expect(rows["equipment"] == [["equipmentId": "e", "performance": [["type": "electricity", "value": 5]]]])
    }
}
