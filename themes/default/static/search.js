/* vitrina default theme: baseline product search (no framework, no other host).
   Loads the index named by #results[data-index] once: [{n, v, c, cn, u, p, t, a, i, b}].
   Every query word must appear in name + vendor + category + tags, folding case and accents.
   All visible text comes from data-* attributes written by search.html (the theme's i18n). */
(function () {
  'use strict';
  var box = document.getElementById('results');
  var input = document.getElementById('q');
  if (!box || !input || !window.fetch) return;
  var list = document.getElementById('search-list');
  var status = document.getElementById('search-status');
  var d = box.dataset;
  var MAX = 60;
  var items = null;
  var loading = null;
  var timer = 0;

  function fold(s) {
    return String(s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }
  function fill(tpl, key, val) {
    return String(tpl || '').split('{' + key + '}').join(val);
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function load() {
    if (!loading) {
      status.textContent = d.loading;
      loading = fetch(d.index)
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (data) {
          items = data.map(function (x) {
            return { x: x, name: fold(x.n), key: fold([x.n, x.v, x.cn, x.t].join(' ')) };
          });
          run(false);
        })
        .catch(function () { loading = null; status.textContent = d.error; });
    }
  }

  function card(x) {
    var li = el('li', x.a === false ? 'card is-out' : 'card');
    var art = li.appendChild(el('article'));
    var media = art.appendChild(el('div', 'card-media'));
    if (x.i) {
      var img = el('img');
      img.src = x.i; img.alt = ''; img.width = 320; img.height = 320;
      img.loading = 'lazy'; img.decoding = 'async';
      media.appendChild(img);
    } else {
      media.appendChild(el('div', 'ph')).setAttribute('aria-hidden', 'true');
    }
    if (x.a === false) media.appendChild(el('span', 'badge badge-out', d.soldOut));
    var a = el('a', null, x.n);
    if (/^(\/|https?:)/.test(x.u)) a.href = x.u;
    art.appendChild(el('h2', 'card-title')).appendChild(a);
    art.appendChild(el('p', 'price', x.p));
    art.appendChild(el('p', 'card-meta', x.v + (x.b ? ' · ' + fill(d.booth, 'booth', x.b) : '')));
    return li;
  }

  function run(updateUrl) {
    var q = input.value.trim();
    if (updateUrl !== false && window.history && history.replaceState) {
      var u = new URL(location.href);
      if (q) u.searchParams.set('q', q); else u.searchParams.delete('q');
      history.replaceState(null, '', u.pathname + u.search + u.hash);
    }
    if (!q) { list.textContent = ''; status.textContent = d.prompt; return; }
    if (!items) { load(); return; }
    var words = fold(q).split(/\s+/).filter(Boolean);
    function all(s) { return words.every(function (w) { return s.indexOf(w) !== -1; }); }
    var hits = items.filter(function (it) { return all(it.key); });
    // Matches in the product name first, then the rest; index order otherwise.
    hits = hits.filter(function (it) { return all(it.name); })
      .concat(hits.filter(function (it) { return !all(it.name); }));
    var frag = document.createDocumentFragment();
    hits.slice(0, MAX).forEach(function (it) { frag.appendChild(card(it.x)); });
    list.textContent = '';
    list.appendChild(frag);
    var n = hits.length;
    var msg = n === 0 ? fill(d.empty, 'q', q) : n === 1 ? d.one : fill(d.many, 'n', n);
    if (n > MAX) msg += ' ' + fill(d.more, 'n', MAX);
    status.textContent = msg;
  }

  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  });
  input.addEventListener('focus', load, { once: true });
  input.form.addEventListener('submit', function (e) {
    e.preventDefault();
    clearTimeout(timer);
    run();
    input.blur(); // hides the phone keyboard so the results are visible
  });

  var start = new URLSearchParams(location.search).get('q');
  if (start) input.value = start;
  run(false);
})();
