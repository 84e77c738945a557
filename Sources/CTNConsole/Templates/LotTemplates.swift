extension ConsoleTemplates {
    /// Lots: the list and registration.
    static let lots = """
        <h1>Lots</h1>
        <section class="card">
          <h2>Your lots</h2>
          {{#empty}}<p class="empty">No lots yet: register one below.</p>{{/empty}}
          {{^empty}}
          <div class="table-wrap"><table>
            <thead><tr><th scope="col">Lot</th><th scope="col">Status</th><th scope="col">Declared unit</th><th scope="col">CFP per unit</th><th scope="col"></th></tr></thead>
            <tbody>
            {{#items}}<tr>
              <td>{{#lotId}}{{> id}}{{/lotId}}</td><td><span class="status {{status}}">{{status}}</span></td><td>{{declaredUnit}}</td><td class="num">{{cfp}}</td>
              <td><a href="/console/lots/{{lotId}}">Open</a></td>
            </tr>{{/items}}
            </tbody>
          </table></div>
          {{/empty}}
        </section>
        <div class="grid">{{#forms}}<section class="card">{{> form}}</section>{{/forms}}</div>
        """

    /// One lot: its CFP, the breakdown chart, its inputs, its statement and certificates, the
    /// contracts that change it.
    static let lot = """
        <p class="crumbs"><a href="/console/lots">Lots</a> › {{#lotId}}{{> id}}{{/lotId}}</p>
        <h1>Lot {{#lotId}}{{> id}}{{/lotId}} <span class="status {{status}}">{{status}}</span></h1>
        <div class="field inline"><label for="lot-name">Your name for this lot</label><input id="lot-name" class="local-name" data-name-for="{{lotId}}" placeholder="e.g. Bracket order 118"></div>
        <section class="card figures">
          <div class="figure"><span class="label">CFP per {{declaredUnit}}</span><span class="value" id="cfp">{{cfp}}</span><span class="unit">kg-CO2e</span>{{#band}}<span class="band">± {{band}} (k = 2)</span>{{/band}}</div>
          <div class="figure"><span class="label">Material</span><span class="value">{{materialCO2}}</span><span class="unit">kg-CO2e</span></div>
          <div class="figure"><span class="label">Process</span><span class="value">{{processCO2}}</span><span class="unit">kg-CO2e</span></div>
          <div class="figure"><span class="label">Good units</span><span class="value">{{goodUnits}}</span><span class="unit">{{declaredUnit}}</span></div>
          <div class="figure"><span class="label">Shipped</span><span class="value">{{shipped}}</span><span class="unit">{{declaredUnit}}</span></div>
        </section>
        {{#chart}}<section class="card"><h2>Where the CO2 comes from</h2>{{{chart}}}</section>{{/chart}}
        <section class="card">
          <h2>Inputs</h2>
          {{#noInputs}}<p class="empty">No inputs yet.</p>{{/noInputs}}
          {{^noInputs}}<div class="table-wrap"><table>
            <thead><tr><th scope="col">Input</th><th scope="col">Quantity</th><th scope="col">CO2 (kg-CO2e)</th></tr></thead>
            <tbody>{{#inputs}}<tr><td>{{kind}} {{#ref}}{{> id}}{{/ref}}{{label}}</td><td class="num">{{quantity}}</td><td class="num">{{co2}}</td></tr>{{/inputs}}</tbody>
          </table></div>{{/noInputs}}
          {{#completed}}<p><a class="button" href="/console/lots/{{lotId}}/trace">Trace the supply chain</a></p>{{/completed}}
        </section>
        {{#statement}}<section class="card"><h2>Signed statement (version {{version}})</h2><p class="help">A JWS signed with the node's Ed25519 key; verify it offline with <code>ctn statement verify</code>.</p><textarea readonly rows="4" aria-label="Signed statement">{{statement}}</textarea>
        {{#certificates.count}}<h3>Certificates</h3>{{/certificates.count}}{{#certificates}}<textarea readonly rows="2" aria-label="Certificate">{{.}}</textarea>{{/certificates}}</section>{{/statement}}
        <div class="grid">{{#forms}}<section class="card">{{> form}}</section>{{/forms}}</div>
        """

    /// A lot's supply chain across nodes.
    static let trace = """
        <p class="crumbs"><a href="/console/lots">Lots</a> › <a href="/console/lots/{{lotId}}">{{#lotId}}{{> id}}{{/lotId}}</a> › Trace</p>
        <h1>Supply chain</h1>
        <p class="summary">{{complete}} · {{lots}} lots · {{elapsed}} ms</p>
        <section class="card tree">{{{tree}}}</section>
        """

    /// Agreements granted and received, the usage log.
    static let agreements = """
        <h1>Agreements</h1>
        <section class="card">
          <h2>Granted by you</h2>
          {{#noGranted}}<p class="empty">None.</p>{{/noGranted}}
          {{^noGranted}}<div class="table-wrap"><table>
            <thead><tr><th scope="col">Agreement</th><th scope="col">Grantee</th><th scope="col">Scope</th><th scope="col">Contracts</th><th scope="col">Purpose</th><th scope="col">State</th><th scope="col"></th></tr></thead>
            <tbody>{{#granted}}<tr><td>{{#agreementId}}{{> id}}{{/agreementId}}</td><td>{{#grantee}}{{> id}}{{/grantee}}</td><td>{{scope}}</td><td>{{contracts}}</td><td>{{purpose}}</td><td>{{state}}</td>
            <td>{{#active}}<form method="post" action="/console/contracts/agreement-revocation"><input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="_back" value="/console/agreements"><input type="hidden" name="agreementId" value="{{agreementId}}"><button type="submit" class="danger">Revoke</button></form>{{/active}}</td></tr>{{/granted}}</tbody>
          </table></div>{{/noGranted}}
          <h2>Granted to you</h2>
          {{#noReceived}}<p class="empty">None.</p>{{/noReceived}}
          {{^noReceived}}<ul>{{#received}}<li>{{#agreementId}}{{> id}}{{/agreementId}} from {{#owner}}{{> id}}{{/owner}}: {{contracts}} ({{state}})</li>{{/received}}</ul>{{/noReceived}}
        </section>
        <div class="grid">{{#forms}}<section class="card">{{> form}}</section>{{/forms}}</div>
        <section class="card">
          <h2>Who read your breakdowns</h2>
          {{#noUsage}}<p class="empty">Nobody yet.</p>{{/noUsage}}
          {{^noUsage}}<div class="table-wrap"><table><thead><tr><th scope="col">When</th><th scope="col">Reader</th><th scope="col">Contract</th><th scope="col">Lot</th><th scope="col">Basis</th></tr></thead>
          <tbody>{{#usage}}<tr><td>{{at}}</td><td>{{#reader}}{{> id}}{{/reader}}</td><td>{{contract}}</td><td>{{#lotId}}{{> id}}{{/lotId}}</td><td>{{basis}}</td></tr>{{/usage}}</tbody></table></div>{{/noUsage}}
        </section>
        """
}
