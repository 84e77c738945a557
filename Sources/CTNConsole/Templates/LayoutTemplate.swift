extension ConsoleTemplates {
    /// Every page: the header with the sections, the signed-in business, sign-out, the content.
    static let layout = """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>{{title}} · CTN console</title>
          <link rel="stylesheet" href="/console/static/console.css">
          <script src="/console/static/console.js" defer></script>
        </head>
        <body>
          <a class="skip" href="#main">Skip to content</a>
          <header class="top">
            <a class="brand" href="/console/"><span class="logo" aria-hidden="true">◆</span> CTN <span class="node">node {{nodeId}}</span></a>
            {{#signedIn}}
            <nav aria-label="Sections">
              <a href="/console/lots"{{#navLots}} aria-current="page"{{/navLots}}>Lots</a>
              <a href="/console/equipment"{{#navEquipment}} aria-current="page"{{/navEquipment}}>Equipment</a>
              <a href="/console/energy"{{#navEnergy}} aria-current="page"{{/navEnergy}}>Energy</a>
              <a href="/console/site-periods"{{#navSitePeriods}} aria-current="page"{{/navSitePeriods}}>Site periods</a>
              <a href="/console/agreements"{{#navAgreements}} aria-current="page"{{/navAgreements}}>Agreements</a>
              <a href="/console/certify"{{#navCertify}} aria-current="page"{{/navCertify}}>Certify</a>
              <a href="/console/statistics"{{#navStatistics}} aria-current="page"{{/navStatistics}}>Statistics</a>
              <a href="/console/cbam"{{#navCBAM}} aria-current="page"{{/navCBAM}}>CBAM</a>
              <a href="/console/simulation"{{#navSimulation}} aria-current="page"{{/navSimulation}}>Simulation</a>
              <a href="/console/mass-balance"{{#navMassBalance}} aria-current="page"{{/navMassBalance}}>Mass balance</a>
              <a href="/console/held"{{#navHeld}} aria-current="page"{{/navHeld}}>Held data</a>
              <a href="/console/names"{{#navNames}} aria-current="page"{{/navNames}}>Names</a>
            </nav>
            <form class="sign-out" method="post" action="/console/sign-out">
              <input type="hidden" name="_csrf" value="{{csrf}}">
              <span class="who">Business {{#business}}{{> id}}{{/business}}</span>
              <button type="submit" class="quiet">Sign out</button>
            </form>
            {{/signedIn}}
          </header>
          <main id="main" tabindex="-1">
            {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
            {{{content}}}
          </main>
          <div class="working" hidden aria-live="polite"><span class="spinner" aria-hidden="true"></span><span>Working…</span></div>
          <footer>Names you give IDs stay in this browser; the node keeps only 128-bit IDs.</footer>
        </body>
        </html>
        """

    /// Sign-in with a tenant token.
    static let signIn = """
        <section class="card narrow">
          <h1>Sign in</h1>
          <p>Paste your business's token (from <code>ctn tenant add</code> or your operator). It opens a session of {{hours}} hours in this browser.</p>
          <form method="post" action="/console/sign-in">
            <input type="hidden" name="_csrf" value="{{csrf}}">
            <div class="field{{#error}} has-error{{/error}}">
              <label for="token">Token</label>
              <input id="token" name="token" type="password" autocomplete="off" required>
              {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
            </div>
            <button type="submit" class="primary">Sign in</button>
          </form>
        </section>
        """
}
