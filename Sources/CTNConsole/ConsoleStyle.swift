/// The console's stylesheet: one file, no build step; colours chosen for WCAG AA contrast
/// (text #1b2330 on #ffffff 15.6:1, links #0b5cad 6.4:1, errors #a4161a 7.2:1).
enum ConsoleStyle {
    static let css = """
        :root { --ink: #1b2330; --muted: #4a5568; --line: #d8dee8; --bg: #f4f6f9; --card: #fff; --accent: #0b5cad; --accent-ink: #fff;
          --ok: #1e6b3a; --warn: #8a5300; --bad: #a4161a; --radius: 10px; font-size: 16px; }
        * { box-sizing: border-box; }
        body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink);
          background: var(--bg); line-height: 1.5; }
        a { color: var(--accent); }
        a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, .button:focus-visible {
          outline: 3px solid #f0b400; outline-offset: 2px; }
        .skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 10; }
        header.top { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem 2rem; padding: .75rem 1.5rem; background: #14213d; color: #fff; }
        header.top a { color: #fff; text-decoration: none; }
        .brand { font-weight: 700; font-size: 1.15rem; letter-spacing: .02em; }
        .brand .logo { color: #7fd1ae; } .brand .node { font-weight: 400; font-size: .85rem; opacity: .85; margin-left: .4rem; }
        nav { display: flex; gap: .25rem; flex-wrap: wrap; }
        nav a { padding: .35rem .8rem; border-radius: 999px; } nav a:hover { background: rgba(255,255,255,.12); }
        nav a[aria-current="page"] { background: #fff; color: #14213d; font-weight: 600; }
        .sign-out { margin-left: auto; display: flex; align-items: center; gap: .75rem; font-size: .9rem; }
        .sign-out .ctn-id, .sign-out .ctn-id.named { color: #fff; background: rgba(255,255,255,.16); }
        main { max-width: 1120px; margin: 0 auto; padding: 1.5rem; outline: none; }
        h1 { font-size: 1.6rem; margin: .5rem 0 1rem; display: flex; align-items: center; gap: .6rem; flex-wrap: wrap; }
        h2 { font-size: 1.15rem; margin: 0 0 .75rem; } h3 { font-size: 1.02rem; margin: 0 0 .5rem; }
        .card { background: var(--card); border: 1px solid var(--line); border-radius: var(--radius); padding: 1.25rem; margin-bottom: 1.25rem;
          box-shadow: 0 1px 2px rgba(20,33,61,.05); }
        .card.narrow { max-width: 460px; margin: 3rem auto; }
        .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 1.25rem; }
        .grid .card { margin-bottom: 0; }
        .grid.wide { grid-template-columns: 1fr; }
        .grid.wide .fields { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 0 1rem; }
        .check-ok { color: var(--ok); font-weight: 700; } .check-bad { color: var(--bad); font-weight: 700; }
        .table-wrap { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; font-size: .95rem; }
        th, td { text-align: left; padding: .55rem .6rem; border-bottom: 1px solid var(--line); vertical-align: middle; }
        th { color: var(--muted); font-weight: 600; font-size: .85rem; text-transform: uppercase; letter-spacing: .03em; }
        td.num { font-variant-numeric: tabular-nums; text-align: right; }
        .ctn-id { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .88em; background: #eef2f7; padding: .05rem .35rem;
          border-radius: 4px; color: var(--ink); }
        .ctn-id.named { font-family: inherit; background: #e3f2ea; }
        .field { display: flex; flex-direction: column; gap: .25rem; margin-bottom: .8rem; }
        .field.inline { flex-direction: row; align-items: center; gap: .75rem; max-width: 520px; }
        label { font-weight: 600; font-size: .92rem; }
        input, select, textarea { font: inherit; padding: .5rem .6rem; border: 1px solid #8a96a8; border-radius: 6px; background: #fff; color: var(--ink);
          width: 100%; }
        textarea { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .8rem; word-break: break-all; }
        .help { color: var(--muted); font-size: .85rem; }
        .has-error input, .has-error select { border-color: var(--bad); border-width: 2px; }
        .error { color: var(--bad); font-weight: 600; margin: .15rem 0 0; font-size: .9rem; }
        .form-error { background: #fdecec; padding: .5rem .75rem; border-radius: 6px; }
        .notice { background: #e3f2ea; color: var(--ok); border: 1px solid #b6dcc4; padding: .6rem 1rem; border-radius: 8px; font-weight: 600; }
        button, .button { font: inherit; font-weight: 600; padding: .55rem 1.1rem; border-radius: 6px; border: 1px solid var(--accent); cursor: pointer;
          background: #fff; color: var(--accent); display: inline-block; text-decoration: none; }
        button.primary { background: var(--accent); color: var(--accent-ink); }
        button.danger { border-color: var(--bad); color: var(--bad); background: #fff; }
        button.quiet { background: transparent; color: #fff; border-color: rgba(255,255,255,.6); padding: .3rem .8rem; }
        .status { font-size: .8rem; font-weight: 700; text-transform: uppercase; padding: .15rem .55rem; border-radius: 999px; background: #eef2f7; }
        .status.completed { background: #e3f2ea; color: var(--ok); } .status.open { background: #fff4e0; color: var(--warn); }
        .figures { display: flex; flex-wrap: wrap; gap: 1.5rem 2.5rem; }
        .figure { display: flex; flex-direction: column; } .figure .label { color: var(--muted); font-size: .85rem; }
        .figure .value { font-size: 1.7rem; font-weight: 700; font-variant-numeric: tabular-nums; } .figure .unit, .figure .band { color: var(--muted); font-size: .85rem; }
        .crumbs { color: var(--muted); font-size: .9rem; margin: 0; }
        .summary { color: var(--muted); }
        .empty { color: var(--muted); font-style: italic; }
        .chart text { font-size: 12px; fill: var(--ink); } .chart .material { fill: #2a7ab8; } .chart .process { fill: #e08a1e; }
        .tree ul { list-style: none; padding-left: 1.25rem; border-left: 2px solid var(--line); margin: .25rem 0; }
        .tree > ul { border-left: none; padding-left: 0; }
        .tree li { margin: .4rem 0; } .tree .node-box { display: inline-flex; flex-wrap: wrap; gap: .4rem .9rem; align-items: baseline;
          border: 1px solid var(--line); border-radius: 8px; padding: .45rem .7rem; background: #fbfcfe; }
        .tree .cut { border-style: dashed; color: var(--muted); } .tree .superseded { color: var(--warn); font-weight: 600; }
        .working { position: fixed; inset: auto 1rem 1rem auto; background: #14213d; color: #fff; padding: .7rem 1rem; border-radius: 8px;
          display: flex; gap: .6rem; align-items: center; } .working[hidden] { display: none; }
        .spinner { width: 1rem; height: 1rem; border: 3px solid rgba(255,255,255,.35); border-top-color: #fff; border-radius: 50%;
          animation: spin .8s linear infinite; } @keyframes spin { to { transform: rotate(360deg); } }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
        .actions { display: flex; gap: .75rem; flex-wrap: wrap; }
        footer { text-align: center; color: var(--muted); font-size: .85rem; padding: 2rem 1rem; }
        @media (max-width: 640px) { main { padding: 1rem; } .sign-out { margin-left: 0; } h1 { font-size: 1.35rem; } .figure .value { font-size: 1.35rem; } }
        """
}
