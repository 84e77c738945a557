extension ConsoleTemplates {
    /// Equipment: the list with the intensity in force, registration, a new intensity.
    static let equipment = """
        <h1>Equipment</h1>
        <section class="card">
          <h2>Your equipment</h2>
          {{#empty}}<p class="empty">No equipment yet: register your first machine below.</p>{{/empty}}
          {{^empty}}
          <div class="table-wrap"><table>
            <thead><tr><th scope="col">Equipment</th><th scope="col">Your name for it</th><th scope="col">Activity unit</th><th scope="col">Intensity in force</th><th scope="col">Valid from</th><th scope="col">Evidence</th></tr></thead>
            <tbody>
            {{#items}}<tr>
              <td>{{#equipmentId}}{{> id}}{{/equipmentId}}</td>
              <td><input class="local-name" data-name-for="{{equipmentId}}" aria-label="Your name for equipment {{equipmentId}}" placeholder="e.g. Press 3"></td>
              <td>{{activityUnit}}</td>
              <td class="num">{{intensity}}</td>
              <td>{{validFrom}}</td>
              <td>{{evidence}}</td>
            </tr>{{/items}}
            </tbody>
          </table></div>
          {{/empty}}
        </section>
        <div class="grid">{{#forms}}<section class="card">{{> form}}</section>{{/forms}}</div>
        """

    /// Local names: export and import the list kept in this browser.
    static let names = """
        <h1>Names</h1>
        <section class="card">
          <p>The node stores no names. The names you give lots, equipment and partners are kept in this browser only and shown in place of their IDs. Take them to another browser as a file.</p>
          <div class="table-wrap"><table class="names-table"><thead><tr><th scope="col">ID</th><th scope="col">Name</th></tr></thead><tbody id="names-list"></tbody></table></div>
          <p class="actions">
            <button type="button" id="names-export" class="primary">Export names</button>
            <label class="button" for="names-import">Import names</label>
            <input type="file" id="names-import" accept="application/json" class="visually-hidden">
          </p>
          <h2>Name an ID</h2>
          <div class="field"><label for="name-id">ID</label><input id="name-id" autocomplete="off"></div>
          <div class="field"><label for="name-text">Name</label><input id="name-text" autocomplete="off"></div>
          <button type="button" id="name-save">Keep in this browser</button>
        </section>
        """
}
