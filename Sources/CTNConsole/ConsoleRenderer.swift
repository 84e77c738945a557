import Mustache

/// Renders console pages: the page's template with its view, inside the layout.
public struct ConsoleRenderer: Sendable {
    let library: MustacheLibrary

    public init() throws {
        var library = MustacheLibrary()
        for (name, text) in ConsoleTemplates.all { try library.register(text, named: name) }
        self.library = library
    }

    /// The page `template` with `view`, in the layout with `frame` (title, navigation, session).
    public func page(_ template: String, _ view: [String: Any], frame: [String: Any]) -> String {
        var layout = frame
        layout["content"] = library.render(view, withTemplate: template) ?? ""
        return library.render(layout, withTemplate: "layout") ?? ""
    }

    public static let css = ConsoleStyle.css
    public static let js = ConsoleScript.js
}
