// A 12 MP phone photo through the editor in a real browser (issue 16's benchmark): the product
// form of `vitrina edit`, the photo chosen in its file input, "Guardar" pressed; photo.js scales it
// on the page (createImageBitmap + canvas, ≤ 2560 px, JPEG), uploads it, and the browser lands on
// the product page with the photo shown. Times from the press to the photo decoded on that page.
// Run by scripts/edit_bench.py's caller:
//   node edit_photo.mjs ORIGIN LOGIN_PATH VENDOR PHOTO [N]
import puppeteer from "puppeteer-core";

const [origin, login, vendor, photo, nArg] = process.argv.slice(2);
const n = Number(nArg || 10);
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  // The flags every other audit script uses: without them Chromium spends its first seconds
  // reaching Google's hosts (time, accounts, component updates, autofill), which a phone at
  // the fair does not, and which this machine's closed network refuses.
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic",
    ...(process.env.NETLOG ? ["--log-net-log=" + process.env.NETLOG] : [])],
  headless: true,
});
const times = [];
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 360, height: 740, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  // DEBUG=1: every request with its time, to see where a slow run waits (NETLOG=FILE: Chromium's
  // own network log, which changes the timing less).
  const T0 = performance.now();
  const at = () => Math.round(performance.now() - T0);
  if (process.env.DEBUG) {
    page.on("request", (r) => console.error(at(), "req", r.method(), r.url()));
    page.on("requestfinished", (r) => console.error(at(), "done", r.method(), r.url()));
    page.on("requestfailed", (r) => console.error(at(), "failed", r.url(), r.failure()?.errorText));
  }
  if (process.env.NO_SW) await page.setBypassServiceWorker(true);
  await page.goto(origin + login, { waitUntil: "load" });
  for (let i = 0; i < n; i++) {
    await page.goto(`${origin}/__vitrina/edit/v/${vendor}/new`, { waitUntil: "load" });
    await page.type("#f-name", `Foto del navegador ${Date.now()} ${i}`);
    await page.type("#f-price", "9");
    const input = await page.$("#f-photo");
    await input.uploadFile(photo);
    await page.type("#f-photo-alt", "Una chalina de alpaca doblada");
    const t0 = performance.now();
    await Promise.all([
      page.waitForNavigation({ waitUntil: "load", timeout: 30000 }),
      page.click("button.save"),
    ]);

    await page.waitForFunction(
      () => [...document.images].some((im) => im.alt.includes("chalina de alpaca") && im.complete && im.naturalWidth > 0),
      { timeout: 30000 },
    );
    times.push(performance.now() - t0);
    if (!page.url().includes(`/vendors/${vendor}/`)) throw new Error("not on the product page: " + page.url());
  }
} finally {
  await browser.close();
}
times.sort((a, b) => a - b);
const p = (q) => times[Math.min(times.length - 1, Math.round(q * (times.length - 1)))];
console.log(JSON.stringify({
  what: "12 MP photo scaled in the browser, uploaded, shown on the product page",
  n: times.length, p50_ms: Math.round(p(0.5)), p95_ms: Math.round(p(0.95)), max_ms: Math.round(times[times.length - 1]),
}));
