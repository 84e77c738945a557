/// The console's Mustache templates, one static string per page or part, compiled once at start.
/// `{{x}}` is escaped for HTML; triple braces hold only markup the console built itself (a page
/// inside the layout, charts), which escapes its own text.
public enum ConsoleTemplates {
    /// Every template by name, as the renderer registers them.
    static var all: [String: String] {
        [
            "layout": layout, "sign-in": signIn, "equipment": equipment, "lots": lots, "lot": lot, "trace": trace,
            "agreements": agreements, "names": names, "field": field, "form": form, "id": id, "section": section, "message": message,
        ]
    }

    /// An ID, shown by the name its owner gave it in this browser (console.js), or shortened.
    static let id = """
        <span class="ctn-id" data-id="{{.}}" title="{{.}}">{{.}}</span>
        """

    /// A page of forms and the answer of the last one (energy report, certification, statistics).
    static let section = """
        <h1>{{heading}}</h1>
        {{#intro}}<p class="summary">{{intro}}</p>{{/intro}}
        {{#result}}<section class="card result" aria-live="polite">{{{result}}}</section>{{/result}}
        <div class="grid{{#wide}} wide{{/wide}}">{{#forms}}<section class="card">{{> form}}</section>{{/forms}}</div>
        """

    /// A page that only says what went wrong.
    static let message = """
        <section class="card narrow">
          <h1>{{heading}}</h1>
          <p class="error" role="alert">{{error}}</p>
          <p><a href="/console/lots">Back to your lots</a> · <a href="/console/sign-in">Sign in again</a></p>
        </section>
        """

    /// One form field: label, input, help, and the node's problem next to it.
    static let field = """
        <div class="field{{#error}} has-error{{/error}}">
          <label for="{{id}}">{{label}}</label>
          {{#select}}<select id="{{id}}" name="{{name}}"{{#required}} required{{/required}}>{{#options}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{text}}</option>{{/options}}</select>{{/select}}
          {{#textarea}}<textarea id="{{id}}" name="{{name}}" rows="{{rows}}"{{#required}} required{{/required}}{{#placeholder}} placeholder="{{placeholder}}"{{/placeholder}}>{{value}}</textarea>{{/textarea}}
          {{^select}}{{^textarea}}<input id="{{id}}" name="{{name}}" type="{{type}}" value="{{value}}"{{#step}} step="any"{{/step}}{{#required}} required{{/required}}{{#placeholder}} placeholder="{{placeholder}}"{{/placeholder}}{{#help}} aria-describedby="{{id}}-help"{{/help}}>{{/textarea}}{{/select}}
          {{#help}}<small id="{{id}}-help" class="help">{{help}}</small>{{/help}}
          {{#error}}<p class="error" role="alert" id="{{id}}-error">{{error}}</p>{{/error}}
        </div>
        """

    /// One contract as a form: its fields, the CSRF token, where to come back to.
    static let form = """
        <form class="contract-form" method="post" action="/console/contracts/{{contract}}" data-contract="{{contract}}">
          <h3>{{title}}</h3>
          {{#summary}}<p class="summary">{{summary}}</p>{{/summary}}
          <input type="hidden" name="_csrf" value="{{csrf}}">
          <input type="hidden" name="_back" value="{{back}}">
          {{#hidden}}<input type="hidden" name="{{name}}" value="{{value}}">{{/hidden}}
          {{#problem}}<p class="error form-error" role="alert">{{problem}}</p>{{/problem}}
          <div class="fields">{{#fields}}{{> field}}{{/fields}}</div>
          <button type="submit" class="{{#danger}}danger{{/danger}}{{^danger}}primary{{/danger}}">{{submit}}</button>
        </form>
        """
}
