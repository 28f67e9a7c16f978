package org.medinstruct.pipeline.report;

/** The page's inline stylesheet. */
final class ReportStyle {
  private ReportStyle() {}

  static final String CSS =
      """
      :root { --ink: #1f2933; --muted: #61707f; --line: #d9dee4; --bg: #f6f7f9; --accent: #3a6ea5; }
      * { box-sizing: border-box; }
      body { margin: 0; background: var(--bg); color: var(--ink);
             font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
      main { max-width: 1440px; margin: 0 auto; padding: 24px 28px 48px; }
      h1 { font-size: 24px; margin: 0 0 4px; }
      h2 { font-size: 18px; margin: 32px 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--line); }
      .sub { color: var(--muted); margin: 0 0 16px; word-break: break-all; }
      .facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 8px; }
      .fact { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; }
      .fact b { display: block; font-size: 11px; text-transform: uppercase; letter-spacing: .04em;
                color: var(--muted); font-weight: 600; }
      .fact span { font-size: 16px; font-weight: 600; }
      .grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(620px, 1fr)); gap: 16px; }
      figure { margin: 0; background: #fff; border: 1px solid var(--line); border-radius: 6px;
               padding: 12px 14px; }
      figcaption { font-weight: 600; margin-bottom: 6px; }
      .chart-host svg { max-width: 100%; height: auto; display: block; }
      .note { color: var(--muted); font-size: 12.5px; margin: 6px 0 0; }
      .warn { color: #a33b25; font-weight: 600; }
      .banner { border: 2px solid #a33b25; padding: 0.6em 0.8em; background: #fdf0ec; }
      table { border-collapse: collapse; background: #fff; font-size: 13px; margin-top: 8px; }
      th, td { border: 1px solid var(--line); padding: 4px 10px; text-align: left; }
      td.n { text-align: right; font-variant-numeric: tabular-nums; }
      th { background: #eef1f5; }
      details { margin-top: 8px; }
      summary { cursor: pointer; color: var(--accent); }
      svg text { font-family: inherit; fill: var(--ink); }
      svg .lbl { font-size: 12px; }
      svg .val { font-size: 11.5px; fill: var(--muted); }
      svg .tick { font-size: 11px; fill: var(--muted); }
      svg .axislbl { font-size: 12px; fill: var(--muted); }
      svg .grid { stroke: #edf0f3; }
      svg .axis { stroke: #9aa5b1; }
      svg .nodata { font-size: 13px; fill: var(--muted); }
      svg .arc { stroke: #fff; stroke-width: 1; }
      svg .vlbl { font-size: 13px; font-weight: 600; fill: #fff; }
      svg .nlbl { font-size: 11px; fill: #1f2933; }
      svg .center { font-size: 13px; fill: var(--muted); }
      footer { color: var(--muted); font-size: 12px; margin-top: 32px; }
      """;
}
