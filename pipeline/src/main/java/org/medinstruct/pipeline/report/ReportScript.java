package org.medinstruct.pipeline.report;

/**
 * The page's inline script: reads the chart list from the embedded {@code report-data} JSON, draws
 * each chart as SVG into its {@code data-chart-host} element, and sets {@code data-charts-drawn} on
 * the body to the number of charts drawn with at least one mark (the browser check compares it with
 * {@code data-charts-expected}). No network, no libraries.
 */
final class ReportScript {
  private ReportScript() {}

  static final String JS =
      """
      (function () {
        'use strict';
        var NS = 'http://www.w3.org/2000/svg';
        var data = JSON.parse(document.getElementById('report-data').textContent);
        var COLORS = {flow: '#3a6ea5', alt: '#8fb3dc', rejected: '#c8553d', failed: '#e0a030',
                      missing: '#c8553d', rare: '#e0a030'};
        function el(name, attrs, parent, text) {
          var e = document.createElementNS(NS, name);
          Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
          if (text !== undefined && text !== null) { e.textContent = text; }
          if (parent) { parent.appendChild(e); }
          return e;
        }
        function svg(host, id, w, h) {
          return el('svg', {'class': 'chart', 'data-chart': id, viewBox: '0 0 ' + w + ' ' + h,
                            width: w, height: h, role: 'img'}, host);
        }
        function noData(host, id) {
          var s = svg(host, id, 360, 36);
          el('text', {x: 6, y: 22, 'class': 'nodata'}, s, 'n/a: no data in this run');
          return 0;
        }
        function cut(s, n) { return s.length > n ? s.slice(0, n - 1) + '…' : s; }
        function maxOf(items) {
          return items.reduce(function (m, i) { return Math.max(m, i.value); }, 0);
        }
        function niceStep(raw) {
          var p = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
          var steps = [1, 2, 5, 10];
          for (var i = 0; i < steps.length; i++) { if (steps[i] * p >= raw) { return steps[i] * p; } }
          return 10 * p;
        }
        function hbar(host, c) {
          var items = c.items, row = 22, labelW = 250, textW = 120, W = 660;
          var max = maxOf(items);
          if (!(max > 0)) { return noData(host, c.id); }
          var s = svg(host, c.id, W, items.length * row + 6), marks = 0;
          items.forEach(function (it, k) {
            var y = 3 + k * row, bw = (W - labelW - textW) * it.value / max;
            var t = el('text', {x: labelW - 8, y: y + 15, 'class': 'lbl', 'text-anchor': 'end'},
                       s, cut(it.label, 38));
            el('title', {}, t, it.label);
            if (it.value > 0) {
              var r = el('rect', {x: labelW, y: y + 3, width: Math.max(bw, 1.5), height: row - 6,
                                  rx: 2, 'class': 'bar ' + it.cls,
                                  fill: COLORS[it.cls] || COLORS.flow}, s);
              el('title', {}, r, it.label + ': ' + it.text);
              marks++;
            }
            el('text', {x: labelW + bw + 6, y: y + 15, 'class': 'val'}, s, it.text);
          });
          return marks;
        }
        function columns(host, c) {
          var items = c.items, W = 660, H = 250, L = 52, B = 48, T = 12, R = 12;
          var max = maxOf(items);
          if (!(max > 0)) { return noData(host, c.id); }
          var s = svg(host, c.id, W, H), marks = 0;
          var step = niceStep(max / 4), top = step * Math.ceil(max / step);
          var ph = H - T - B, pw = (W - L - R) / items.length;
          for (var v = 0; v <= top + 1e-9; v += step) {
            var gy = T + ph - ph * v / top;
            el('line', {x1: L, x2: W - R, y1: gy, y2: gy, 'class': 'grid'}, s);
            el('text', {x: L - 6, y: gy + 4, 'class': 'tick', 'text-anchor': 'end'}, s,
               v >= 1000 ? (v / 1000) + 'k' : String(v));
          }
          var every = Math.ceil(items.length / 10);
          items.forEach(function (it, k) {
            var h = ph * it.value / top, x = L + k * pw;
            if (it.value > 0) {
              var r = el('rect', {x: x + 1, y: T + ph - h, width: Math.max(pw - 2, 1), height: h,
                                  'class': 'bar ' + it.cls, fill: COLORS[it.cls] || COLORS.flow}, s);
              el('title', {}, r, c.xlabel + ' ' + it.label + ': ' + it.text);
              marks++;
            }
            if (k % every === 0) {
              // Histogram bins are labelled at their lower edge, categories at their centre.
              el('text', {x: c.edges ? x : x + pw / 2, y: T + ph + 15, 'class': 'tick',
                          'text-anchor': 'middle'}, s, it.label);
            }
          });
          el('line', {x1: L, x2: W - R, y1: T + ph, y2: T + ph, 'class': 'axis'}, s);
          el('text', {x: L + (W - L - R) / 2, y: H - 8, 'class': 'axislbl', 'text-anchor': 'middle'},
             s, c.xlabel);
          return marks;
        }
        function pt(r, a) { return (320 + r * Math.cos(a)).toFixed(2) + ' ' + (320 + r * Math.sin(a)).toFixed(2); }
        function arc(ri, ro, a0, a1) {
          if (a1 - a0 > 2 * Math.PI - 1e-3) { a1 = a0 + 2 * Math.PI - 1e-3; }
          var large = a1 - a0 > Math.PI ? 1 : 0;
          return 'M' + pt(ro, a0) + ' A' + ro + ' ' + ro + ' 0 ' + large + ' 1 ' + pt(ro, a1) +
                 ' L' + pt(ri, a1) + ' A' + ri + ' ' + ri + ' 0 ' + large + ' 0 ' + pt(ri, a0) + 'Z';
        }
        function radialText(s, text, r, a, cls, n) {
          var deg = a * 180 / Math.PI, flip = Math.cos(a) < 0;
          el('text', {x: 0, y: 0, 'class': cls, 'text-anchor': 'middle', 'dominant-baseline': 'middle',
                      transform: 'translate(' + pt(r, a).replace(' ', ',') + ') rotate(' +
                                 (flip ? deg + 180 : deg).toFixed(1) + ')'}, s, cut(text, n));
        }
        function sunburst(host, c) {
          var verbs = c.verbs;
          if (!verbs || verbs.length === 0) { return noData(host, c.id); }
          var s = svg(host, c.id, 640, 640), marks = 0, r0 = 62, r1 = 190, r2 = 316;
          // As in Self-Instruct's figure, angles count the verb-noun pairs shown (top nouns only).
          function shown(v) { return v.nouns.reduce(function (m, n) { return m + n.count; }, 0); }
          var total = verbs.reduce(function (m, v) { return m + shown(v); }, 0), a = -Math.PI / 2;
          verbs.forEach(function (v, k) {
            var vs = shown(v), span = 2 * Math.PI * vs / total;
            var hue = Math.round(k * 360 / verbs.length);
            var p = el('path', {d: arc(r0, r1, a, a + span), 'class': 'bar arc',
                                fill: 'hsl(' + hue + ',52%,52%)'}, s);
            el('title', {}, p, v.verb + ': ' + v.count);
            marks++;
            if (span > 0.1) { radialText(s, v.verb, (r0 + r1) / 2, a + span / 2, 'vlbl', 14); }
            var b = a;
            v.nouns.forEach(function (n) {
              var ns = span * n.count / vs;
              var q = el('path', {d: arc(r1 + 2, r2, b, b + ns), 'class': 'bar arc',
                                  fill: 'hsl(' + hue + ',55%,78%)'}, s);
              el('title', {}, q, v.verb + ' ' + n.noun + ': ' + n.count);
              if (ns > 0.045) { radialText(s, n.noun, (r1 + r2) / 2 + 1, b + ns / 2, 'nlbl', 17); }
              b += ns;
            });
            a += span;
          });
          el('text', {x: 320, y: 324, 'class': 'center', 'text-anchor': 'middle'}, s, 'verb → noun');
          return marks;
        }
        var kinds = {hbar: hbar, columns: columns, sunburst: sunburst}, drawn = 0;
        data.charts.forEach(function (c) {
          var host = document.querySelector('[data-chart-host="' + c.id + '"]');
          if (host && kinds[c.kind] && kinds[c.kind](host, c) > 0) { drawn++; }
        });
        document.body.setAttribute('data-charts-drawn', String(drawn));
      })();
      """;
}
