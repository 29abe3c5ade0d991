/// The page's inline stylesheet: readable on phones (fluid width, tables scroll sideways), accessible
/// contrast, and a print layout. Contains no `<` or `&`, so the page stays well-formed XML.
enum HTMLStyle {
    static let css = """
    :root{--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--accent:#0a58a8;--bg:#fff;--zebra:#f6f8fa;--head:#eaeef2}
    *{box-sizing:border-box}
    html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
    body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;overflow-wrap:break-word}
    main{max-width:62rem;margin:0 auto;padding:1rem 1.25rem 3rem}
    h1{font-size:1.8rem;line-height:1.2;margin:1rem 0 .75rem}
    h2{font-size:1.4rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}
    h3{font-size:1.15rem;margin:1.5rem 0 .4rem}
    h4,h5,h6{font-size:1rem;margin:1.2rem 0 .3rem}
    a{color:var(--accent)}
    a:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
    p{margin:.5rem 0 .9rem}
    pre.output{white-space:pre;overflow-x:auto;background:var(--zebra);border:1px solid var(--line);padding:.6rem .8rem;font-size:.85rem;line-height:1.4}
    nav.toc{background:var(--zebra);border:1px solid var(--line);padding:.5rem 1rem;margin:1rem 0}
    nav.toc h2{font-size:1rem;border:0;margin:.3rem 0}
    nav.toc ul{margin:.2rem 0;padding-left:1.2rem}
    nav.toc li.l2{margin-left:1rem}nav.toc li.l3{margin-left:2rem}
    figure{margin:1.25rem 0}
    figcaption{font-weight:600;margin:.2rem 0 .4rem}
    .scroll{overflow-x:auto;max-width:100%;-webkit-overflow-scrolling:touch}
    table{border-collapse:collapse;font-size:.9rem;font-variant-numeric:tabular-nums}
    th,td{border-bottom:1px solid var(--line);padding:.3rem .55rem;text-align:left;vertical-align:top}
    thead th{background:var(--head);font-weight:600;white-space:nowrap}
    tbody tr:nth-child(even){background:var(--zebra)}
    td.n,th.n{text-align:right;white-space:nowrap}
    td.nw{white-space:nowrap}
    table.kwic td{white-space:nowrap;border-bottom:1px solid var(--line)}
    table.kwic td.left{text-align:right;color:var(--fg)}
    table.kwic td.match{font-weight:700;background:#fff1b8;text-align:center}
    table.kwic td.meta{color:var(--muted);font-size:.8rem}
    .meta{color:var(--muted);font-size:.875rem}
    svg.chart{display:block;width:100%;min-width:520px;height:auto;margin:.25rem 0}
    svg.chart text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;font-size:12px;fill:#24292f}
    svg.chart .tick{fill:#4d5560}
    svg.chart .axis-title{font-weight:600}
    svg.chart .axis{stroke:#57606a;stroke-width:1}
    svg.chart .grid{stroke:#e4e8ec;stroke-width:1}
    svg.chart .line{stroke-width:2;stroke-linejoin:round;stroke-linecap:round}
    svg.chart .point{stroke:#fff;stroke-width:1}
    svg.chart .edge{stroke:#8c959f;stroke-opacity:.75}
    svg.chart .node{stroke:#fff;stroke-width:1.5}
    svg.chart .node-label{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
    svg.chart .value{font-size:10px;fill:#1b1f24}
    svg.chart .value.light{fill:#fff}
    details{margin:.3rem 0 1rem}
    details summary{cursor:pointer;color:var(--accent)}
    section.articles article{border-top:1px solid var(--line);padding-top:.4rem}
    article:target{background:#fffbe6}
    @media (max-width:640px){
    body{font-size:15px}main{padding:.75rem .75rem 2rem}h1{font-size:1.45rem}h2{font-size:1.2rem}table{font-size:.82rem}
    table.kwic,table.kwic tbody,table.kwic tr{display:block}
    table.kwic tr{padding:.35rem 0;border-bottom:1px solid var(--line)}
    table.kwic td{display:inline;white-space:normal;border:0;padding:0}
    table.kwic td.left{text-align:left}
    table.kwic td.match{padding:0 .15rem}
    table.kwic td.meta{display:block}
    }
    @media print{
    body{font-size:10.5pt;color:#000}
    main{max-width:none;padding:0}
    a{color:#000;text-decoration:none}
    nav.toc{break-after:page}
    .scroll{overflow:visible}
    pre.output{white-space:pre-wrap}
    table.kwic td{white-space:normal}
    thead{display:table-header-group}
    tr,figure,svg{break-inside:avoid}
    h1,h2,h3{break-after:avoid}
    details{display:none}
    svg.chart,td.match,tbody tr{-webkit-print-color-adjust:exact;print-color-adjust:exact}
    }
    """
}
