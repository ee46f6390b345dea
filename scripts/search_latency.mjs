// search_latency.mjs — query latency of vitrina's search in a real headless Chromium, on a phone
// viewport with the CPU slowed 4× (DevTools Emulation.setCPUThrottlingRate), as a cheap phone.
//
// usage: node search_latency.mjs BASE_URL
//   Run from a folder where playwright-core resolves (peers.sh installs it in $BENCH_HOME/node:
//   cp scripts/search_latency.mjs $BENCH_HOME/node/ && node $BENCH_HOME/node/search_latency.mjs URL).
//
// Opens BASE_URL/search/ once, then for each of 50 fixed queries (words, word forms, typos,
// two-word queries, prefixes as typed), 200 ms after the previous one (its results painted),
// sets the box and fires `input`, and reads the time the
// page itself reports with its `vitrina:results` event: from the input event to the results in
// the DOM, including fetching the shards and product files the query needs (from loopback).
// Prints every query's time, then the median and p95 of the first pass (nothing cached but the
// entry point) and of a second pass over the same queries (files cached).
import { chromium } from 'playwright-core';

const base = process.argv[2];
if (!base) { console.error('usage: node search_latency.mjs BASE_URL'); process.exit(2); }
const QUERIES = [
  'cafe', 'café', 'pulsera', 'pulseras', 'alfajores', 'alfajroes', 'bordado', 'bordados', 'bordadas',
  'suculenta', 'suculentas', 'sukulentas', 'chocoteja', 'chocotejas', 'camisa', 'camisa bordada',
  'maceta', 'macetas pintadas', 'zapatillas', 'sandalias', 'llavero', 'bolsa', 'cartuchera',
  'cuaderno', 'agenda', 'lapices', 'aretes', 'collar', 'gorro', 'chompa', 'tejido', 'alpaca',
  'miel', 'mermelada', 'queso', 'pan', 'torta', 'galletas', 'huevos', 'codorniz', 'pintacaritas',
  'uñas', 'corte', 'cusco', 'arequipa', 'hecho a mano', 'regalo', 'artesania', 'artesanía', 'ceramica',
];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic'],
});
const page = await browser.newPage({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true });
const cdp = await page.context().newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await page.goto(base + '/search/', { waitUntil: 'networkidle' });
await page.evaluate(() => {
  window.__done = {};
  document.getElementById('results').addEventListener('vitrina:results', (e) => {
    window.__done[e.detail.q] = e.detail;
  });
});
function stats(xs) {
  const s = xs.slice().sort((a, b) => a - b);
  const at = (p) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  return { median: at(0.5), p95: at(0.95), max: s[s.length - 1] };
}
for (const pass of ['first', 'second']) {
  const times = [];
  for (const q of QUERIES) {
    // Each query on a settled page: the previous results painted, as between two searches.
    await page.waitForTimeout(200);
    await page.evaluate(() => { window.__done = {}; });
    await page.evaluate((q) => {
      const input = document.getElementById('q');
      input.value = q;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, q);
    const r = await page.waitForFunction((q) => window.__done[q], q, { timeout: 20000 }).then((h) => h.jsonValue());
    times.push(r.ms);
    const ph = r.phases ? Object.entries(r.phases).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ') : '';
    if (pass === 'first') console.log(`${r.ms.toFixed(1).padStart(7)} ms  ${String(r.n).padStart(5)} results  ${q.padEnd(18)} ${ph}`);
  }
  const s = stats(times);
  console.log(`${pass} pass, 4x CPU throttling, ${times.length} queries: median ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, max ${s.max.toFixed(1)} ms`);
}
await browser.close();
