namespace RumOperator.SloConsole.Views;

/// <summary>The page frame: navigation, a skip link, the stylesheet inline (no external asset, no script).</summary>
public static class Layout
{
    public static string Page(string title, string current, string body, string? warning = null) => $$"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{Html.E(title)}} · RumOperator console</title>
        <style>{{Css}}</style>
        </head>
        <body>
        <a class="skip" href="#main">Skip to content</a>
        <header><nav aria-label="Console">
        <span class="brand">RumOperator</span>
        {{Nav("/", "SLOs", current)}}
        {{Nav(ErrorsPage.Path, "Errors", current)}}
        {{Nav("/pipelines", "Pipelines", current)}}
        <span class="ro">read-only</span>
        </nav></header>
        <main id="main" tabindex="-1">
        {{(warning is null ? "" : $"<p class=\"warning\" role=\"status\">Prometheus: {Html.E(warning)}. Figures it did not give show “no data”.</p>")}}
        {{body}}
        </main>
        </body>
        </html>
        """;

    private static string Nav(string href, string text, string current) =>
        $"<a href=\"{href}\"{(href == current ? " aria-current=\"page\"" : "")}>{text}</a>";

    /// <summary>Colours meet WCAG AA contrast (4.5:1) for text on their backgrounds.</summary>
    private const string Css = """
        :root{--fg:#1b1f24;--muted:#4a5562;--line:#d0d7de;--bg:#fff;--head:#f3f5f7;--link:#0b57d0;--ok:#0a6b2d;--okbg:#e3f4e8;--warn:#7a4b00;--warnbg:#fff1cc;--bad:#fff;--badbg:#b3261e;--grey:#3d4650;--greybg:#eceff1}
        *{box-sizing:border-box}
        body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--fg);background:var(--bg)}
        a{color:var(--link)}
        a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,main:focus-visible{outline:3px solid #f5a100;outline-offset:2px}
        .skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px;z-index:2}
        header{background:#16202c;color:#fff}
        nav{display:flex;gap:20px;align-items:center;padding:10px 24px;max-width:1400px;margin:auto}
        nav a{color:#fff;text-decoration:none;padding:4px 2px;border-bottom:2px solid transparent}
        nav a[aria-current=page]{border-bottom-color:#7cc4ff}
        .brand{font-weight:700;margin-right:12px}.ro{margin-left:auto;font-size:12px;color:#c9d3dd}
        main{padding:16px 24px;max-width:1400px;margin:auto}
        h1{font-size:22px;margin:8px 0 4px}h2{font-size:17px;margin:28px 0 8px}
        .sub{color:var(--muted);margin:0 0 12px}
        table{border-collapse:collapse;width:100%}
        th,td{text-align:left;padding:7px 10px;border-bottom:1px solid var(--line);vertical-align:middle}
        th{background:var(--head);font-weight:600;white-space:nowrap}
        td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
        th a{color:var(--fg);text-decoration:none}th a:hover{text-decoration:underline}
        tr.group td{background:#fafbfc;font-size:13px}tr.group td:first-child{padding-left:30px}
        .badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;white-space:nowrap}
        .ok{color:var(--ok);background:var(--okbg)}.pending{color:var(--warn);background:var(--warnbg)}.firing{color:var(--bad);background:var(--badbg)}.nodata{color:var(--grey);background:var(--greybg)}
        .low{color:var(--warn);background:var(--warnbg);font-size:12px;padding:1px 6px;border-radius:4px;margin-left:6px}
        .label{display:inline-block;font-size:12px;color:var(--grey);background:var(--greybg);border-radius:4px;padding:0 6px;margin:2px 4px 0 0}
        .muted{color:var(--muted)}
        .bar{display:inline-block;width:70px;height:8px;background:var(--greybg);border-radius:4px;margin-right:8px;vertical-align:middle;overflow:hidden}
        .bar i{display:block;height:100%;background:var(--ok)}.bar i.low{background:var(--badbg)}.bar.spent{background:#f6d5d3;box-shadow:inset 0 0 0 1px var(--badbg)}
        form.filters{display:flex;gap:10px;flex-wrap:wrap;align-items:end;margin:12px 0 16px}
        form.filters label{display:flex;flex-direction:column;font-size:12px;color:var(--muted);gap:2px}
        input,select,button{font:inherit;padding:5px 8px;border:1px solid #8c959f;border-radius:4px;background:#fff;color:var(--fg)}
        button{background:#16202c;color:#fff;border-color:#16202c;cursor:pointer}
        .tiles{display:flex;gap:14px;flex-wrap:wrap;margin:14px 0}
        .tile{border:1px solid var(--line);border-radius:8px;padding:12px 16px;min-width:200px}
        .tile .k{font-size:12px;color:var(--muted)}.tile .v{font-size:26px;font-weight:600}
        .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:18px}
        figure{margin:0;border:1px solid var(--line);border-radius:8px;padding:10px}
        figcaption{font-weight:600;margin-bottom:4px}
        svg text{font:11px system-ui,sans-serif;fill:#4a5562}
        .legend{font-size:12px;color:var(--muted);margin-top:4px}.legend span{margin-right:12px}.legend b{display:inline-block;width:10px;height:3px;margin-right:4px;vertical-align:middle}
        pre{background:#f6f8fa;border:1px solid var(--line);border-radius:6px;padding:12px;overflow:auto;font-size:13px}
        .warning{background:var(--warnbg);color:var(--warn);padding:8px 12px;border-radius:6px}
        .empty{color:var(--muted);padding:16px 0}
        """;
}
