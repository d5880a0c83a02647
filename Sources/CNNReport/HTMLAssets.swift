extension HTMLReport {
    /// The page's style: system fonts only, nothing fetched.
    static let css = """
        body{font:13px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
        main{padding:14px 22px}
        h1{margin:0 0 2px;font-size:22px}h2{font-size:17px;margin:22px 0 6px;display:inline-block}h3{font-size:14px;margin:12px 0 4px}
        .meta,.note{color:#555;margin:2px 0 8px}
        #js-status[data-state=ok]{color:#287a3e}#js-status[data-state=error],#js-status[data-state=mismatch]{color:#b3261e;font-weight:bold}
        .cards{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}
        .card{background:#fff;border:1px solid #dde1e7;border-radius:6px;padding:6px 12px;min-width:120px}
        .card .label{color:#666;font-size:11px;text-transform:uppercase;letter-spacing:.03em}.card .value{font-size:18px;font-weight:600}.card .cnote{color:#666;font-size:11px}
        .toolbar{position:sticky;top:0;background:#f6f7f9;padding:6px 0;z-index:2;border-bottom:1px solid #dde1e7}
        #search{width:280px;padding:4px 8px;font-size:13px}
        section{margin-top:6px}
        table{border-collapse:collapse;background:#fff;font-size:12px}th,td{padding:2px 8px;border-bottom:1px solid #eceef2;text-align:left;white-space:nowrap}
        td.num{text-align:right;font-variant-numeric:tabular-nums}td.layers{max-width:640px;overflow:hidden;text-overflow:ellipsis}
        .barcell{width:320px}.bar{height:11px;background:#5b7bd5;border-radius:2px}.bar.eff-low{background:#d9534f}.bar.eff-mid{background:#e6a23c}.bar.eff-high{background:#3f9b57}
        details.block{background:#fff;border:1px solid #dde1e7;border-radius:6px;margin:6px 0;padding:2px 8px;max-width:100%;overflow-x:auto}
        details.block>summary{cursor:pointer;padding:3px 0}.bnum{color:#888}.bmeta{color:#666}
        details.repeat{margin:6px 0;padding:4px 8px;border-left:3px solid #9aa7c7;background:#eef1f8;border-radius:4px;max-width:420px}details.repeat[open]{max-width:none}details.repeat>summary{cursor:pointer;color:#3b4a7a}
        svg.graph{display:block;font:11px ui-monospace,SFMono-Regular,Menlo,monospace}
        .node rect{fill:#eef1f6;stroke:#8a94a6;stroke-width:1}.node text.name{font-weight:600;fill:#1d2330}.node text.op{fill:#444;font-size:10px}.node text.algo{fill:#2f4fa8;font-size:10px;font-style:italic}
        .blocks{display:flex;flex-wrap:wrap;align-items:flex-start;gap:0 10px}.blocks>details.repeat[open]{flex-basis:100%}
        details.repeat[open]>.blocks{margin-top:4px}
        .op-conv rect,.sw.op-conv{fill:#dbe6fb;background:#dbe6fb}.op-norm rect,.sw.op-norm{fill:#e4f3e4;background:#e4f3e4}
        .op-act rect,.sw.op-act{fill:#eef7d8;background:#eef7d8}.op-pool rect,.sw.op-pool{fill:#fde9d2;background:#fde9d2}
        .op-merge rect,.sw.op-merge{fill:#eadcf6;background:#eadcf6}.op-dense rect,.sw.op-dense{fill:#fadada;background:#fadada}
        .op-shape rect,.sw.op-shape{fill:#eeeeee;background:#eeeeee}.op-input rect,.sw.op-input{fill:#fff7c2;background:#fff7c2}
        .node.removed rect{fill:#fafafa;stroke-dasharray:3 3}.sw.removed{border:1px dashed #8a94a6}
        .node.err-ok rect{stroke:#3f9b57;stroke-width:3}.node.err-bad rect{stroke:#d9534f;stroke-width:3;fill:#fbd3d1}
        .node.hit rect{stroke:#e8a100;stroke-width:3}
        .kbox rect{fill:none;stroke:#7d8bb0;stroke-dasharray:5 3}.kbox.fused rect{stroke:#3b5bb5;stroke-width:1.5}.kbox text{fill:#3b5bb5;font-size:10px;font-weight:600}
        .edge{fill:none;stroke:#9aa3b5;stroke-width:1.3}text.shape{fill:#6b7280;font-size:9.5px}text.from{fill:#6b7280;font-size:10px}
        .legend .sw{display:inline-block;padding:0 8px;margin-right:6px;border-radius:3px;border:1px solid #c8ced9}
        .scroll{overflow-x:auto}svg.memory{font:11px system-ui,sans-serif;background:#fff}svg.memory .plot{fill:#fbfbfc;stroke:#c8ced9}
        svg.memory .scratch{fill:#b7bcc6}.axis{fill:#555}
        .peak{display:grid;grid-template-columns:600px auto;gap:3px 10px;align-items:center;margin:4px 0 8px}.prow{width:600px}.pbar{height:12px;border-radius:2px}
        .pbar.sum{background:#9aa3b5}.pbar.arena{background:#3b5bb5}
        tr.err-ok td:nth-child(2),td.err-ok{color:#287a3e}tr.err-bad td,td.err-bad{color:#b3261e;font-weight:600}
        tr.hidden{display:none}

        """

    /// Search, expand/collapse, and a self-check the browser test reads (`#js-status`).
    static let script = """
        (function () {
          var status = document.getElementById('js-status');
          window.addEventListener('error', function (e) {
            status.setAttribute('data-state', 'error');
            status.textContent = 'script error: ' + e.message;
          });
          var report = document.getElementById('report');
          var seen = {};
          var drawn = 0;
          document.querySelectorAll('.kbox[data-k], .kitem[data-k]').forEach(function (el) {
            var k = el.getAttribute('data-k');
            if (!seen[k]) { seen[k] = true; drawn++; }
          });
          var expected = parseInt(report.getAttribute('data-kernel-count'), 10);
          status.setAttribute('data-kernels', String(drawn));
          status.setAttribute('data-state', drawn === expected ? 'ok' : 'mismatch');
          status.textContent = drawn + ' kernels drawn' + (drawn === expected ? '' : ', expected ' + expected);

          var nodes = document.querySelectorAll('.node[data-name]');
          var rows = document.querySelectorAll('tr[data-name]');
          var matches = document.getElementById('matches');
          function openAncestors(el) {
            for (var p = el.parentNode; p; p = p.parentNode) {
              if (p.tagName && p.tagName.toLowerCase() === 'details') p.open = true;
            }
          }
          document.getElementById('search').addEventListener('input', function (e) {
            var q = e.target.value.trim().toLowerCase();
            var count = 0;
            var first = null;
            nodes.forEach(function (n) {
              var hit = q !== '' && n.getAttribute('data-name').toLowerCase().indexOf(q) >= 0;
              n.classList.toggle('hit', hit);
              if (hit) { count++; openAncestors(n); if (!first) first = n; }
            });
            rows.forEach(function (r) {
              var hit = q === '' || r.getAttribute('data-name').toLowerCase().indexOf(q) >= 0;
              r.classList.toggle('hidden', !hit);
            });
            matches.textContent = q === '' ? '' : count + ' layer' + (count === 1 ? '' : 's') + ' match';
            if (first) first.scrollIntoView({block: 'center'});
          });
          document.getElementById('expand').addEventListener('click', function () {
            document.querySelectorAll('details').forEach(function (d) { d.open = true; });
          });
          document.getElementById('collapse').addEventListener('click', function () {
            document.querySelectorAll('details.repeat').forEach(function (d) { d.open = false; });
          });
        })();

        """
}
