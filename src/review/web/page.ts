// The review page: one HTML document, its stylesheet and its script, served by server.ts. The
// diff itself is drawn in the browser by diff2html (word emphasis, side-by-side or unified, and
// syntax highlighting through its bundled highlight.js), one file at a time; this script lays the
// review on top of it: which rows are which unit's lines, what is reviewed, the keys, and the
// answers. The script is plain browser JavaScript kept in a string (no build step for the page);
// it never uses innerHTML with content from the change: text goes in through textContent.

export function pageHtml(token: string): string {
  const t = encodeURIComponent(token);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>reviewgate review</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/vendor/diff2html.css?t=${t}">
<link rel="stylesheet" href="/app.css?t=${t}">
</head>
<body>
<header id="bar">
  <strong>reviewgate review</strong>
  <span id="progress" data-testid="progress"></span>
  <span id="active"></span>
  <label><input type="checkbox" id="sbs"> side by side (v)</label>
  <label><input type="checkbox" id="hide" checked> hide reviewed (h)</label>
  <button id="helpbtn" type="button">keys (?)</button>
  <span id="message" role="status" data-testid="message"></span>
</header>
<nav id="tree" aria-label="files"></nav>
<main id="main">
  <section id="item" aria-live="polite"></section>
  <div id="diff"></div>
</main>
<aside id="side">
  <section id="advisor" data-hook="advisor-flags" hidden></section>
  <section id="plan"></section>
</aside>
<div id="help" hidden>
  <h2>Keys</h2>
  <dl>
    <dt>j / k</dt><dd>next / previous item</dd>
    <dt>y</dt><dd>reviewed: I read every line of this item (a moved block: the move is confirmed)</dd>
    <dt>n</dt><dd>later: leave it unreviewed for now</dd>
    <dt>f</dt><dd>flag: come back to it (neither reviewed nor a concern)</dd>
    <dt>c</dt><dd>a note on this item</dd>
    <dt>!</dt><dd>a concern: blocks the review gate until resolved</dd>
    <dt>r</dt><dd>resolve the open concern on this item</dd>
    <dt>v</dt><dd>side by side / unified</dd>
    <dt>h</dt><dd>hide reviewed items (j/k skip them)</dd>
  </dl>
  <p>Every answer is recorded the moment you give it; closing this tab loses nothing.
  Time counts while you read here (keys, scrolling); a pause longer than a minute counts as one minute,
  and time with the tab in the background does not count.</p>
  <p>Press any key to close.</p>
</div>
<dialog id="ask">
  <form method="dialog">
    <label for="asktext" id="asklabel"></label>
    <textarea id="asktext" rows="4" cols="60"></textarea>
    <div><button value="ok" id="askok">Record</button> <button value="cancel" formnovalidate>Cancel</button></div>
  </form>
</dialog>
<script src="/vendor/diff2html.js?t=${t}"></script>
<script src="/app.js?t=${t}"></script>
</body>
</html>
`;
}

export const PAGE_CSS = String.raw`
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, sans-serif; display: grid; grid-template: "bar bar bar" auto "tree main side" 1fr / 260px 1fr 320px; height: 100vh; color: #1f2328; }
#bar { grid-area: bar; display: flex; gap: 16px; align-items: center; padding: 8px 12px; border-bottom: 1px solid #d0d7de; background: #f6f8fa; }
#message { margin-left: auto; color: #0969da; }
#message.error { color: #cf222e; font-weight: bold; }
#tree { grid-area: tree; overflow: auto; border-right: 1px solid #d0d7de; padding: 8px 0; }
#tree .file { display: block; width: 100%; text-align: left; border: 0; background: none; padding: 4px 12px; cursor: pointer; font: inherit; }
#tree .file:hover { background: #f3f4f6; }
#tree .file.current { background: #ddf4ff; }
#tree .file.complete { color: #57606a; }
#tree .path { display: block; overflow-wrap: anywhere; }
#tree .count { font-size: 12px; color: #57606a; }
#tree .bar { display: block; height: 3px; background: #eaeef2; margin-top: 2px; }
#tree .bar i { display: block; height: 3px; background: #1a7f37; }
#tree .big { color: #9a6700; font-size: 12px; }
#main { grid-area: main; overflow: auto; padding: 12px; }
#side { grid-area: side; overflow: auto; border-left: 1px solid #d0d7de; padding: 12px; }
#plan pre { white-space: pre-wrap; font: 13px/1.45 ui-monospace, monospace; }
#advisor { border: 1px solid #d4a72c; background: #fff8c5; padding: 8px; margin-bottom: 12px; }
#item { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 12px; margin-bottom: 12px; background: #fff; }
#item .where { font-weight: 600; }
#item .move { color: #8250df; font-weight: 600; }
#item .flag { color: #9a6700; }
#item .concern { color: #cf222e; }
#item .note { color: #57606a; }
#item .done { color: #1a7f37; }
#item .toobig { color: #9a6700; }
#item button { margin-right: 6px; }
tr.rg-done td { opacity: 0.45; }
tr.rg-moved td.d2h-ins, tr.rg-moved td.d2h-del { background: #fbefff !important; }
tr.rg-current td:first-child { box-shadow: inset 4px 0 0 #0969da; }
#help { position: fixed; inset: 10% 25%; background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 16px 24px; box-shadow: 0 8px 24px rgba(0,0,0,.2); overflow: auto; }
#help dt { font-family: ui-monospace, monospace; font-weight: bold; float: left; width: 60px; }
#help dd { margin-left: 70px; }
dialog textarea { width: 100%; }
.d2h-file-header { display: none; }
.d2h-wrapper .hljs { background: transparent; }
`;

export const PAGE_JS = String.raw`
(function () {
  'use strict';
  var token = new URLSearchParams(location.search).get('t') || '';
  var $ = function (id) { return document.getElementById(id); };
  var overview = null;
  var current = null;       // the unit on screen (id)
  var rendered = null;      // the file drawn (key), and how
  var later = {};           // units answered n in this visit
  var rowsByUnit = {};
  var stopped = false;

  function api(method, path, body) {
    var headers = { 'x-reviewgate-token': token };
    if (body) headers['content-type'] = 'application/json';
    return fetch(path, { method: method, headers: headers, body: body ? JSON.stringify(body) : undefined, keepalive: method === 'POST' })
      .then(function (r) {
        if (!r.ok) return r.text().then(function (t) { throw new Error(t || r.statusText); });
        return r.status === 204 ? null : r.json();
      });
  }
  function fail(error) {
    stopped = true;
    say('The review server has stopped (' + (error && error.message ? error.message : error) + '). Every answer given so far is recorded; run reviewgate review --web to go on.', true);
  }
  function say(text, error) {
    var m = $('message');
    m.textContent = text;
    m.className = error ? 'error' : '';
  }
  function unit(id) { return overview.units[Number(id)]; }
  function fileOf(key) { return overview.files.filter(function (f) { return f.key === key; })[0]; }
  function owed(u) { return u.owed > 0; }

  var lastActivity = 0;
  function activity() {
    var now = Date.now();
    if (now - lastActivity < 1000 || stopped) return;
    lastActivity = now;
    api('POST', '/api/event', { type: 'activity' }).catch(fail);
  }

  function drawProgress() {
    var p = overview.progress;
    $('progress').textContent = 'lines reviewed ' + p.done + '/' + p.total;
    var s = Math.round(overview.activeMs / 1000);
    $('active').textContent = (s < 60 ? s + 's' : Math.floor(s / 60) + 'm' + String(s % 60).padStart(2, '0') + 's') + ' active';
  }

  function drawTree() {
    var tree = $('tree');
    tree.textContent = '';
    var hide = $('hide').checked;
    overview.files.forEach(function (f) {
      var complete = f.done === f.total && f.units.every(function (id) { return !owed(unit(id)); });
      if (hide && complete && (!current || unit(current).file !== f.key)) return;
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'file' + (current && unit(current).file === f.key ? ' current' : '') + (complete ? ' complete' : '');
      b.dataset.file = f.key;
      var path = document.createElement('span');
      path.className = 'path';
      path.textContent = f.key;
      var count = document.createElement('span');
      count.className = 'count';
      count.textContent = (complete ? '✓ ' : '') + f.done + '/' + f.total + ' lines';
      var bar = document.createElement('span');
      bar.className = 'bar';
      var fill = document.createElement('i');
      fill.style.width = (f.total ? Math.round(100 * f.done / f.total) : (complete ? 100 : 0)) + '%';
      bar.appendChild(fill);
      b.appendChild(path);
      b.appendChild(count);
      if (f.tooBig) {
        var big = document.createElement('span');
        big.className = 'big';
        big.textContent = ' too big for the page: review it in the terminal';
        b.appendChild(big);
      }
      b.appendChild(bar);
      b.addEventListener('click', function () {
        var first = f.units.filter(function (id) { return owed(unit(id)); })[0] || f.units[0];
        show(first);
      });
      tree.appendChild(b);
    });
  }

  function drawPlan() {
    var el = $('plan');
    el.textContent = '';
    var h = document.createElement('h3');
    h.textContent = 'Plan';
    el.appendChild(h);
    var pre = document.createElement('pre');
    pre.textContent = overview.plan ? overview.plan.path + '\n\n' + overview.plan.text : 'No plan recorded for this change (reviewgate plan).';
    el.appendChild(pre);
  }

  // Hook for the AI advisor's flags: advisory notes shown beside the item they name. They can
  // never answer anything; the person still does.
  function drawAdvisor() {
    var el = $('advisor');
    var mine = (overview.advisor || []).filter(function (a) { return a.unit === current; });
    el.hidden = mine.length === 0;
    el.textContent = '';
    mine.forEach(function (a) {
      var p = document.createElement('p');
      p.textContent = 'AI flag (advisory): ' + a.text;
      el.appendChild(p);
    });
  }

  function line(parent, cls, text) {
    var d = document.createElement('div');
    if (cls) d.className = cls;
    d.textContent = text;
    parent.appendChild(d);
    return d;
  }

  function drawItem() {
    var el = $('item');
    el.textContent = '';
    if (!current) {
      line(el, 'done', 'Nothing left to review here.');
      return;
    }
    var u = unit(current);
    var index = overview.units.indexOf(u);
    line(el, 'where', 'item ' + (index + 1) + ' of ' + overview.units.length + ' · ' + u.file + ' · ' + u.summary);
    if (u.move) line(el, 'move', 'moved from ' + u.move.from + ':' + u.move.fromLine + ', unchanged — y confirms the move (' + u.move.lines + ' lines keep their own review keys)');
    u.details.forEach(function (d) { line(el, '', d); });
    if (fileOf(u.file).tooBig) line(el, 'toobig', 'This file has more changed lines than the page draws (' + fileOf(u.file).total + '). Nothing is hidden from the gate: review it in the terminal with reviewgate review (g, then its path).');
    if (u.flagged) line(el, 'flag', '⚑ flagged: come back to it');
    u.comments.forEach(function (c) {
      line(el, c.kind === 'concern' && !c.resolved ? 'concern' : 'note', (c.kind === 'note' ? 'note' : c.resolved ? 'concern (resolved)' : 'concern ' + c.id.slice(0, 8)) + ' by ' + c.by + ': ' + c.text);
    });
    line(el, owed(u) ? '' : 'done', owed(u) ? u.owed + ' of ' + u.keys + ' key(s) to review' : '✓ reviewed');
    var buttons = document.createElement('div');
    [['y', 'Reviewed (y)'], ['n', 'Later (n)'], ['f', u.flagged ? 'Unflag (f)' : 'Flag: come back (f)'], ['c', 'Note (c)'], ['!', 'Concern (!)'], ['r', 'Resolve (r)']].forEach(function (k) {
      var b = document.createElement('button');
      b.type = 'button';
      b.textContent = k[1];
      b.addEventListener('click', function () { key(k[0]); });
      buttons.appendChild(b);
    });
    el.appendChild(buttons);
  }

  function markRows() {
    Object.keys(rowsByUnit).forEach(function (id) {
      var u = unit(id);
      rowsByUnit[id].forEach(function (tr) {
        tr.classList.toggle('rg-current', id === current);
        tr.classList.toggle('rg-moved', !!u.move);
        if (!owed(u)) tr.classList.add('rg-done');
      });
    });
  }

  function drawFile(fileKey) {
    var sbs = $('sbs').checked;
    var how = fileKey + '|' + sbs;
    if (rendered === how) return Promise.resolve();
    rendered = how;
    var el = $('diff');
    el.textContent = 'loading ' + fileKey + '…';
    rowsByUnit = {};
    return api('GET', '/api/file?file=' + encodeURIComponent(fileKey)).then(function (data) {
      if (rendered !== how) return;
      el.textContent = '';
      if (data.tooBig) {
        line(el, 'toobig', fileKey + ': ' + data.changed + ' changed lines, over the ' + data.budget + ' the page draws. Review this file in the terminal: reviewgate review');
        return;
      }
      if (!data.diff) return;
      var ui = new Diff2HtmlUI(el, data.diff, { outputFormat: sbs ? 'side-by-side' : 'line-by-line', drawFileList: false, matching: 'lines', diffStyle: 'word', highlight: true, fileContentToggle: false, synchronisedScroll: true, renderNothingWhenEmpty: false });
      ui.draw();
      ui.highlightCode();
      el.querySelectorAll('table.d2h-diff-table').forEach(function (table, ti) {
        table.querySelectorAll('tr').forEach(function (tr) {
          var side = tr.querySelector('.d2h-del') ? '-' : tr.querySelector('.d2h-ins') ? '+' : null;
          if (!side) return;
          var num;
          if (sbs) num = tr.querySelector('.d2h-code-side-linenumber');
          else num = tr.querySelector(side === '-' ? '.line-num1' : '.line-num2');
          var hit = num && data.lines[side + num.textContent.trim()];
          if (!hit) return;
          tr.dataset.key = hit[0];
          tr.dataset.unit = hit[1];
          if (hit[2]) tr.classList.add('rg-done');
          (rowsByUnit[hit[1]] = rowsByUnit[hit[1]] || []).push(tr);
        });
      });
    });
  }

  function show(id) {
    if (id === null || id === undefined) {
      current = null;
      drawAll();
      return;
    }
    current = String(id);
    var u = unit(current);
    api('POST', '/api/event', { type: 'view', unit: current }).catch(fail);
    drawAll();
    drawFile(u.file).then(function () {
      markRows();
      var rows = rowsByUnit[current];
      if (rows && rows[0]) rows[0].scrollIntoView({ block: 'center' });
      else $('main').scrollTop = 0;
    }).catch(fail);
  }

  function drawAll() {
    drawProgress();
    drawTree();
    drawItem();
    drawAdvisor();
    markRows();
  }

  // j / k: the next or previous item; with hide-reviewed, items with nothing owed are skipped.
  function step(by) {
    var units = overview.units;
    var i = current === null ? (by > 0 ? -1 : units.length) : Number(current);
    for (i += by; i >= 0 && i < units.length; i += by) {
      if (!$('hide').checked || owed(units[i])) return show(units[i].id);
    }
    say(by > 0 ? 'no later item' : 'no earlier item');
  }

  // After an answer: the next owed item (wrapping), flagged items last, like the terminal walker.
  function advance() {
    var units = overview.units;
    var start = current === null ? 0 : Number(current);
    var passes = [false, true];
    for (var p = 0; p < passes.length; p++) {
      for (var s = 1; s <= units.length; s++) {
        var u = units[(start + s) % units.length];
        if (owed(u) && !later[u.id] && u.flagged === passes[p]) return show(u.id);
      }
    }
    current = null;
    drawAll();
    say('Every item is answered. Close this tab (or press Ctrl-C in the terminal) to finish.');
  }

  function ask(label) {
    return new Promise(function (resolve) {
      var d = $('ask');
      $('asklabel').textContent = label;
      $('asktext').value = '';
      d.returnValue = '';
      d.onclose = function () { resolve(d.returnValue === 'ok' ? $('asktext').value : null); };
      d.showModal();
      $('asktext').focus();
    });
  }

  function answer(kind, text) {
    if (current === null) return;
    var id = current;
    var body = { unit: id, kind: kind };
    if (text !== undefined) body.text = text;
    return api('POST', '/api/answer', body).then(function (r) {
      overview = r.overview;
      say(r.message);
      if (kind === 'y' || kind === 'n' || (kind === 'f' && unit(id).flagged)) {
        if (kind === 'n') later[id] = true;
        advance();
      } else drawAll();
    }).catch(fail);
  }

  function key(k) {
    if (stopped) return;
    activity();
    if (k === 'j') return step(1);
    if (k === 'k') return step(-1);
    if (k === 'v') { $('sbs').checked = !$('sbs').checked; return current !== null && show(current); }
    if (k === 'h') { $('hide').checked = !$('hide').checked; return drawAll(); }
    if (k === '?') { $('help').hidden = false; return; }
    if (current === null) return;
    if (k === 'y' || k === 'n' || k === 'f') return answer(k);
    if (k === 'c') return ask('Note on this item').then(function (t) { if (t !== null) answer('c', t); });
    if (k === '!') return ask('Concern (blocks the review gate until resolved)').then(function (t) { if (t !== null) answer('!', t); });
    if (k === 'r') {
      var open = unit(current).comments.filter(function (c) { return c.kind === 'concern' && !c.resolved; })[0];
      if (!open) return say('no open concern on this item');
      return ask('How was concern ' + open.id.slice(0, 8) + ' settled?').then(function (t) { if (t !== null) answer('r', t); });
    }
  }

  document.addEventListener('keydown', function (e) {
    if ($('ask').open || e.ctrlKey || e.metaKey || e.altKey) return;
    if (!$('help').hidden) { $('help').hidden = true; e.preventDefault(); return; }
    if (e.target && (e.target.tagName === 'TEXTAREA' || e.target.tagName === 'INPUT' && e.target.type === 'text')) return;
    if (['j', 'k', 'y', 'n', 'f', 'c', '!', 'r', 'v', 'h', '?'].indexOf(e.key) < 0) return;
    e.preventDefault();
    key(e.key);
  });
  $('sbs').addEventListener('change', function () { if (current !== null) show(current); });
  $('hide').addEventListener('change', drawAll);
  $('helpbtn').addEventListener('click', function () { $('help').hidden = false; });
  $('main').addEventListener('scroll', activity, { passive: true });
  window.addEventListener('blur', function () { if (!stopped) api('POST', '/api/event', { type: 'blur' }).catch(function () {}); });
  window.addEventListener('focus', function () { if (!stopped) api('POST', '/api/event', { type: 'focus' }).catch(function () {}); });
  document.addEventListener('visibilitychange', function () {
    if (!stopped) api('POST', '/api/event', { type: document.hidden ? 'blur' : 'focus' }).catch(function () {});
  });
  // Closing the tab ends the review: a beacon is what browsers still send while a page unloads.
  window.addEventListener('pagehide', function () {
    if (!stopped) navigator.sendBeacon('/api/close?t=' + encodeURIComponent(token), '');
    stopped = true;
  });
  setInterval(function () {
    if (stopped || document.hidden) return;
    api('GET', '/api/overview').then(function (o) { overview = o; drawProgress(); }).catch(fail);
  }, 15000);

  api('GET', '/api/overview').then(function (o) {
    overview = o;
    drawPlan();
    var first = o.units.filter(function (u) { return owed(u) && !u.flagged; })[0] || o.units.filter(owed)[0];
    if (first) show(first.id);
    else { drawAll(); say('Everything here is already reviewed.'); }
  }).catch(fail);
})();
`;
