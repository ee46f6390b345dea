/* vitrina default theme: product search. Plain JavaScript, no framework, no other host.

   Reads the index vitrina writes (src/search/mod.rs describes the files):
     search/index.json      shard prefixes, stem suffixes, stop words, categories
     search/t/p<x>.<h>.json terms starting with shard i's prefix (<x>: its UTF-8 in hex): [word, stemLength,
                            [productDelta, fields, ...], {accentedForm: [productDelta, ...]}?]
     search/d/<n>.<h>.json  what results show, 64 products a file (meta.chunk)
     search/f.<h>.json      filters: category, vendor, price, availability of every product
     (<h>: a hash of the file, listed in index.json as th[i] for shards[i], dh[n], fh)
   Products are numbered by category, so the best results of a search sit in few files.
   A query downloads the entry point, the shards of its words, and the results it shows; the
   filters' file only when a filter is used.

   Words are split and folded as the index does (src/search/text.rs): letters and digits,
   lowercase, accents dropped. A query word matches an indexed word exactly (best), as another
   form of it (its stem plus a suffix the stemmer removes: bordados ~ bordado), as the start of
   it while typing, or, when those find little, with 1 typo (4+ letters) or 2 (8+). Fields
   weigh: name > tags > vendor, category > description. Every word must match.

   All visible text comes from data-* attributes written by search.html (the theme's i18n).
   After each search the results element fires `vitrina:results` ({q, n, ms, phases}: when, in ms
   after the keystroke, the shards were asked for and arrived, matching ended, the products'
   records arrived). */
(function () {
  'use strict';
  var box = document.getElementById('results');
  var form = document.getElementById('search-form');
  var input = document.getElementById('q');
  if (!box || !form || !input || !window.fetch || !window.URLSearchParams || !window.Map) return;
  var d = box.dataset;
  var list = document.getElementById('search-list');
  var status = document.getElementById('search-status');
  var help = document.getElementById('search-help');
  var moreRow = document.getElementById('search-more-row');
  var moreBtn = document.getElementById('search-more');
  var details = document.getElementById('filters');
  var f = {
    cat: document.getElementById('f-cat'),
    vendor: document.getElementById('f-vendor'),
    min: document.getElementById('f-min'),
    max: document.getElementById('f-max'),
    available: document.getElementById('f-available')
  };
  var root = d.index.replace(/index\.json$/, '');
  var PAGE = 12;
  var meta = null;
  var metaP = null;
  var shardP = {};
  var chunkP = {};
  var facetsP = null;
  var stop = {};
  var suffix = {};
  var seq = 0;
  var current = null; // the last search: {hits, shown}

  // ---- text, as src/search/text.rs
  function fold(s) {
    return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }
  function words(s) {
    return s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean)
      .map(function (w) { return { lower: w, f: fold(w) }; });
  }
  function fill(tpl, key, val) {
    return String(tpl || '').split('{' + key + '}').join(val);
  }

  // Optimal string alignment distance (a swap of two letters is one typo), or max + 1.
  function typos(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null, prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev.push(j);
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          v = Math.min(v, prev2[j - 2] + 1);
        }
        cur.push(v);
        if (v < best) best = v;
      }
      if (best > max) return max + 1;
      prev2 = prev; prev = cur;
    }
    return prev[b.length];
  }

  // ---- loading
  function json(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(r.status + ' ' + url);
      return r.json();
    });
  }
  function loadMeta() {
    if (!metaP) {
      metaP = json(d.index).then(function (m) {
        meta = m;
        m.stop.forEach(function (w) { stop[w] = true; });
        m.suffixes.forEach(function (s) { suffix[s] = true; });
        return m;
      });
      metaP.catch(function () { metaP = null; });
    }
    return metaP;
  }
  // Each file is named by its content; the entry point lists the names of its own build. A
  // shard's name starts with its prefix in hex (UTF-8 bytes), as src/search/mod.rs writes it.
  function hex(s) {
    var b = new TextEncoder().encode(s), out = '';
    for (var k = 0; k < b.length; k++) out += (b[k] < 16 ? '0' : '') + b[k].toString(16);
    return out;
  }
  function shard(i) {
    if (!shardP[i]) {
      shardP[i] = json(root + 't/p' + hex(meta.shards[i]) + '.' + meta.th[i] + '.json');
      shardP[i].catch(function () { delete shardP[i]; });
    }
    return shardP[i];
  }
  function chunk(n) {
    if (!chunkP[n]) {
      chunkP[n] = json(root + 'd/' + n + '.' + meta.dh[n] + '.json');
      chunkP[n].catch(function () { delete chunkP[n]; });
    }
    return chunkP[n];
  }
  function facets() {
    if (!facetsP) {
      facetsP = json(root + 'f.' + meta.fh + '.json').then(function (x) {
        x.vendorIndex = {};
        x.v.forEach(function (v, i) { x.vendorIndex[v[0]] = i; });
        return x;
      });
      facetsP.catch(function () { facetsP = null; });
    }
    return facetsP;
  }
  // The shards a word needs: those whose prefix starts the word (its forms and typos are
  // there: shards are cut by stem), and while it is typed those that start with it (too many:
  // keep typing).
  function shardsFor(w, partial) {
    var out = [], longer = [];
    meta.shards.forEach(function (key, i) {
      if (w.indexOf(key) === 0) out.push(i);
      else if (partial && key.indexOf(w) === 0) longer.push(i);
    });
    return longer.length > 8 ? null : out.concat(longer);
  }

  // ---- matching
  function weight(fields) {
    return fields & 16 ? 10 : fields & 8 ? 6 : fields & 6 ? 3 : 1;
  }
  function docsOf(deltas) {
    var out = [], doc = 0;
    for (var i = 0; i < deltas.length; i++) { doc += deltas[i]; out.push(doc); }
    return out;
  }
  // Adds a term's products to `scores` with match quality q (best score per product kept).
  function add(scores, term, q, w) {
    var p = term[2], variants = term[3], accentExact = null, accented = null;
    if (variants) {
      if (w.lower !== w.f) {
        accentExact = variants[w.lower] ? new Set(docsOf(variants[w.lower])) : new Set();
      } else {
        accented = new Set();
        Object.keys(variants).forEach(function (k) {
          docsOf(variants[k]).forEach(function (x) { accented.add(x); });
        });
      }
    }
    var doc = 0;
    for (var i = 0; i < p.length; i += 2) {
      doc += p[i];
      var s = q * weight(p[i + 1]);
      // Written exactly as typed, accents included, ranks above a folded match (año, ano).
      if (accentExact ? accentExact.has(doc) : accented ? !accented.has(doc) : false) s *= 1.05;
      var old = scores.get(doc);
      if (old === undefined || s > old) scores.set(doc, s);
    }
  }
  function match(w, terms, partial) {
    var strong = new Map();
    var rest = [];
    terms.forEach(function (t) {
      var word = t[0], q = 0;
      if (word === w.f) q = 1;
      else {
        var stem = word.slice(0, t[1]);
        if (stem.length >= 2 && w.f.length > stem.length && w.f.indexOf(stem) === 0 &&
            suffix[w.f.slice(stem.length)]) q = 0.9;
        else if (partial && word.indexOf(w.f) === 0) q = 0.5 + 0.3 * w.f.length / word.length;
      }
      if (q) add(strong, t, q, w); else rest.push(t);
    });
    // Typos only when the word itself finds little: they never drown exact and prefix hits.
    if (strong.size < 5 && w.f.length >= 4) {
      var max = w.f.length >= 8 ? 2 : 1;
      var weak = new Map();
      rest.forEach(function (t) {
        var n = typos(w.f, partial ? t[0].slice(0, w.f.length + max) : t[0], max);
        if (n > max && partial) n = typos(w.f, t[0], max);
        if (n <= max) add(weak, t, n === 1 ? 0.4 : 0.3, w);
      });
      weak.forEach(function (s, doc) { if (!strong.has(doc)) strong.set(doc, s); });
    }
    return strong;
  }
  // The indexed word closest to w (for "did you mean"), or null.
  function closest(w, terms) {
    var best = null, bestN = 4, bestDocs = 0;
    terms.forEach(function (t) {
      var n = typos(w.f, t[0], 3);
      if (n < bestN || (n === bestN && t[2].length > bestDocs)) { best = t[0]; bestN = n; bestDocs = t[2].length; }
    });
    return bestN <= 3 ? best : null;
  }

  // ---- state: the form and the URL
  function state() {
    return {
      q: input.value.trim(),
      cat: f.cat.value,
      // A vendor asked for by the URL counts before the list of vendors has arrived.
      vendor: f.vendor.value || f.vendor.dataset.want || '',
      min: f.min.value,
      max: f.max.value,
      available: f.available.checked
    };
  }
  function filtered(s) {
    return !!(s.cat || s.vendor || s.min !== '' || s.max !== '' || s.available);
  }
  function toUrl(s) {
    var p = new URLSearchParams();
    if (s.q) p.set('q', s.q);
    if (s.cat) p.set('cat', s.cat);
    if (s.vendor) p.set('vendor', s.vendor);
    if (s.min !== '') p.set('min', s.min);
    if (s.max !== '') p.set('max', s.max);
    if (s.available) p.set('available', '1');
    var q = p.toString();
    return location.pathname + (q ? '?' + q : '') + location.hash;
  }
  function fromUrl() {
    var p = new URLSearchParams(location.search);
    input.value = p.get('q') || '';
    f.cat.value = p.get('cat') || '';
    f.min.value = p.get('min') || '';
    f.max.value = p.get('max') || '';
    f.available.checked = p.get('available') === '1';
    var vendor = p.get('vendor') || '';
    f.vendor.dataset.want = vendor;
    if (vendor) vendorOptions().then(function () { f.vendor.value = vendor; search(); });
    else f.vendor.value = '';
    if (filtered(state()) || vendor) details.open = true;
  }
  function remember(push) {
    var url = toUrl(state());
    if (url === location.pathname + location.search + location.hash) return;
    if (push) history.pushState(null, '', url); else history.replaceState(null, '', url);
  }
  var vendorsP = null;
  function vendorOptions() {
    if (!vendorsP) {
      vendorsP = loadMeta().then(facets).then(function (x) {
        var frag = document.createDocumentFragment();
        x.v.slice().sort(function (a, b) { return a[1].localeCompare(b[1]); }).forEach(function (v) {
          var o = document.createElement('option');
          o.value = v[0]; o.textContent = v[1];
          frag.appendChild(o);
        });
        f.vendor.appendChild(frag);
        if (f.vendor.dataset.want) f.vendor.value = f.vendor.dataset.want;
      });
      vendorsP.catch(function () { vendorsP = null; });
    }
    return vendorsP;
  }

  // ---- searching
  function search(started) {
    var t0 = started || performance.now();
    var my = ++seq;
    var s = state();
    var ws = words(s.q);
    var partial = !!s.q && !/[^\p{L}\p{N}]$/u.test(s.q);
    if (!ws.length && !filtered(s)) return show(my, t0, s, null);
    loadMeta().then(function () {
      if (my !== seq) return;
      var kept = ws.filter(function (w) { return !stop[w.f]; });
      if (ws.length && !kept.length) kept = ws; // only stop words: search them anyway
      var needs = kept.map(function (w, k) { return shardsFor(w.f, partial && k === kept.length - 1); });
      if (needs.some(function (n) { return n === null; })) return show(my, t0, s, 'short');
      var wanted = [];
      needs.forEach(function (n) { n.forEach(function (i) { if (wanted.indexOf(i) < 0) wanted.push(i); }); });
      if (!current) status.textContent = d.loading;
      var phases = { asked: performance.now() - t0 };
      return Promise.all([
        Promise.all(wanted.map(shard)),
        filtered(s) ? facets() : null
      ]).then(function (got) {
        if (my !== seq) return;
        phases.shards = performance.now() - t0;
        var loaded = {};
        wanted.forEach(function (i, k) { loaded[i] = got[0][k]; });
        var maps = kept.map(function (w, k) {
          var terms = [];
          needs[k].forEach(function (i) { terms = terms.concat(loaded[i]); });
          var m = match(w, terms, partial && k === kept.length - 1);
          m.word = w; m.terms = terms;
          return m;
        });
        return rank(my, t0, s, maps, got[1], phases);
      });
    }).catch(function () {
      if (my === seq) status.textContent = d.error;
    });
  }
  function keep(s, x) {
    var cat = s.cat ? meta.cats.findIndex(function (c) { return c[0] === s.cat; }) : -1;
    var vendor = s.vendor ? x.vendorIndex[s.vendor] : null;
    if (vendor === undefined) vendor = -1;
    var min = s.min !== '' ? Math.round(parseFloat(s.min) * 100) : null;
    var max = s.max !== '' ? Math.round(parseFloat(s.max) * 100) : null;
    return function (doc) {
      if (s.cat && x.c[doc] !== cat) return false;
      if (vendor !== null && x.vi[doc] !== vendor) return false;
      var price = x.p[doc];
      if (min !== null && !isNaN(min) && (price === null || price < min)) return false;
      if (max !== null && !isNaN(max) && (price === null || price > max)) return false;
      if (s.available && x.a[doc] !== '1') return false;
      return true;
    };
  }
  function rank(my, t0, s, maps, x, phases) {
    var ok = x ? keep(s, x) : null;
    var hits = [];
    if (!maps.length) {
      for (var doc = 0; doc < meta.n; doc++) if (ok(doc)) hits.push([doc, 0]);
    } else {
      var order = maps.slice().sort(function (a, b) { return a.size - b.size; });
      order[0].forEach(function (score, doc) {
        if (ok && !ok(doc)) return;
        for (var k = 1; k < order.length; k++) {
          var other = order[k].get(doc);
          if (other === undefined) return;
          score += other;
        }
        hits.push([doc, score]);
      });
      hits.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    }
    phases.matched = performance.now() - t0;
    current = { hits: hits, shown: 0, maps: maps, s: s, phases: phases };
    return more(my, t0);
  }
  // Shows the next page of results.
  function more(my, t0) {
    var c = current;
    var page = c.hits.slice(c.shown, c.shown + PAGE);
    var need = [];
    page.forEach(function (h) {
      var n = Math.floor(h[0] / meta.chunk);
      if (need.indexOf(n) < 0) need.push(n);
    });
    return Promise.all(need.map(chunk)).then(function (got) {
      if (my !== seq) return;
      if (c.phases && !c.shown) c.phases.records = performance.now() - t0;
      var records = {};
      need.forEach(function (n, k) { records[n] = got[k]; });
      var frag = document.createDocumentFragment();
      page.forEach(function (h) {
        frag.appendChild(card(records[Math.floor(h[0] / meta.chunk)][h[0] % meta.chunk]));
      });
      if (!c.shown) list.textContent = '';
      list.appendChild(frag);
      c.shown += page.length;
      show(my, t0, c.s, 'hits');
    });
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  // [name, vendor, booth, price text, url, thumbnail, available]
  function card(x) {
    var li = el('li', x[6] ? 'card' : 'card is-out');
    var art = li.appendChild(el('article'));
    var media = art.appendChild(el('div', 'card-media'));
    if (x[5]) {
      var img = el('img');
      img.src = x[5]; img.alt = ''; img.width = 320; img.height = 320;
      img.loading = 'lazy'; img.decoding = 'async';
      media.appendChild(img);
    } else {
      media.appendChild(el('div', 'ph')).setAttribute('aria-hidden', 'true');
    }
    if (!x[6]) media.appendChild(el('span', 'badge badge-out', d.soldOut));
    var a = el('a', null, x[0]);
    if (/^(\/|https?:)/.test(x[4])) a.href = x[4];
    art.appendChild(el('h2', 'card-title')).appendChild(a);
    art.appendChild(el('p', 'price', x[3]));
    art.appendChild(el('p', 'card-meta', x[1] + (x[2] ? ' · ' + fill(d.booth, 'booth', x[2]) : '')));
    return li;
  }
  function link(text, params) {
    var a = el('a', null, text);
    a.href = location.pathname + '?' + new URLSearchParams(params).toString();
    return a;
  }
  // Status line, empty state and "show more", then the timing event.
  function show(my, t0, s, what) {
    if (my !== seq) return;
    help.hidden = true;
    help.textContent = '';
    moreRow.hidden = true;
    if (what === null) {
      current = null;
      list.textContent = '';
      status.textContent = d.prompt;
    } else if (what === 'short') {
      status.textContent = d.keepTyping;
    } else {
      var n = current.hits.length;
      var msg = n === 0 ? fill(d.empty, 'q', s.q) : n === 1 ? d.one : fill(d.many, 'n', n);
      if (n > current.shown) msg += ' ' + fill(d.more, 'n', current.shown);
      if (filtered(s)) msg += ' ' + d.filtered;
      status.textContent = msg;
      if (n === 0) {
        list.textContent = '';
        emptyHelp(s);
      } else if (n > current.shown) {
        moreBtn.textContent = d.showMore;
        moreRow.hidden = false;
      }
    }
    box.dispatchEvent(new CustomEvent('vitrina:results', {
      detail: {
        q: s.q,
        n: current ? current.hits.length : 0,
        ms: performance.now() - t0,
        phases: current && current.phases
      }
    }));
  }
  function emptyHelp(s) {
    var c = current;
    // "Did you mean": the closest indexed word to the first word that found nothing.
    for (var k = 0; c.maps && k < c.maps.length; k++) {
      if (c.maps[k].size) continue;
      var near = closest(c.maps[k].word, c.maps[k].terms);
      if (near) {
        var q = s.q.toLowerCase().split(c.maps[k].word.lower).join(near);
        var p = help.appendChild(el('p'));
        var parts = d.suggest.split('{term}');
        p.appendChild(document.createTextNode(parts[0]));
        p.appendChild(link(near, { q: q }));
        p.appendChild(document.createTextNode(parts[1] || ''));
      }
      break;
    }
    help.appendChild(el('p', null, d.tryCats));
    var ul = help.appendChild(el('ul', 'chips'));
    meta.cats.forEach(function (cat) {
      ul.appendChild(el('li')).appendChild(link(cat[1], { cat: cat[0] }));
    });
    help.hidden = false;
  }

  // ---- events
  // While typing, the URL follows once the typing pauses: updating it costs a phone more than
  // the search itself (the browser re-reads the page's icon, among others).
  var urlTimer = 0;
  input.addEventListener('input', function () {
    search(performance.now());
    clearTimeout(urlTimer);
    urlTimer = setTimeout(function () { remember(false); }, 300);
  });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    clearTimeout(urlTimer);
    remember(true);
    search();
    input.blur(); // hides the phone keyboard so the results are visible
  });
  form.addEventListener('change', function (e) {
    if (e.target === input) return;
    if (e.target === f.vendor) f.vendor.dataset.want = '';
    clearTimeout(urlTimer);
    remember(true);
    search();
  });
  form.addEventListener('reset', function () {
    f.vendor.dataset.want = '';
    setTimeout(function () { remember(true); search(); }, 0);
  });
  details.addEventListener('toggle', function () { if (details.open) vendorOptions(); });
  moreBtn.addEventListener('click', function () {
    if (current) more(seq, performance.now());
  });
  window.addEventListener('popstate', function () { fromUrl(); search(); });

  fromUrl();
  search();
  // The entry point is small: fetch it now, so the first word typed needs one request less.
  loadMeta().catch(function () {});
})();
