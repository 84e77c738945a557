import CTNConsole
import CTNModel

/// The simulation page's forms: run a document (nothing stored), apply a run's result to real lots.
extension ConsoleController {
    func simulationForms() throws -> [ConsoleForm] {
        let run =
            #"{"model": {"machines": […], "products": […]}, "horizonMinutes": 480, "orders": […], "meters": […], "electricityFactor": {"value": 0.4, "unit": "kg-CO2e/kWh"}, "scenarios": […]}"#
        return [
            ConsoleForm(
                try definition(.simulationRun), title: "Run a simulation", submit: "Simulate",
                fields: [
                    .init(
                        "_document", "Run document (JSON): the model, the period's lots, the meters", .textarea(rows: 10, placeholder: run))
                ]
            ),
            ConsoleForm(
                try definition(.simulationApply), title: "Apply a run to its lots", submit: "Record the uses",
                fields: [
                    .init(
                        "_document", "The run's apply document (JSON, shown with the run's results)", .textarea(rows: 6, placeholder: "{…}")
                    )
                ]
            ),
        ]
    }
}
