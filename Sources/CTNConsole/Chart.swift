/// A horizontal bar chart as inline SVG (no script, no style attribute: the CSP forbids both).
enum Chart {
    /// `id`: the ID a bar stands for, so that console.js can label it with the owner's name.
    static func bars(_ bars: [(label: String, value: Double, kind: String, id: String?)]) -> String {
        let top = max(bars.map(\.value).max() ?? 0, 1e-300)
        let row = 28.0
        let labelWidth = 190.0
        let width = 640.0
        let height = Double(bars.count) * row + 8
        var svg =
            "<svg class=\"chart\" role=\"img\" aria-label=\"CO2 by part, kg-CO2e\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"100%\">"
        for (i, bar) in bars.enumerated() {
            let y = Double(i) * row + 4
            let w = max(1, (width - labelWidth - 90) * max(bar.value, 0) / top)
            let named = bar.id.map { " class=\"svg-id\" data-id=\"\(HTML.escape($0))\"" } ?? ""
            svg += "<text x=\"0\" y=\"\(y + 17)\"\(named)>\(HTML.escape(bar.label))</text>"
            svg +=
                "<rect class=\"\(HTML.escape(bar.kind))\" x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(w)\" height=\"18\" rx=\"3\"></rect>"
            svg += "<text x=\"\(labelWidth + w + 6)\" y=\"\(y + 17)\">\(HTML.escape(HTML.number(bar.value)))</text>"
        }
        return svg + "</svg>"
    }
}
