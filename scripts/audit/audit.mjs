// Lighthouse (mobile preset) and axe-core over the built example fair, in Debian's Chromium.
// Run by scripts/audit.sh (which builds and serves the site): node audit.mjs BASE_URL [REPORT]
//
// Fails (exit 1) unless every page scores performance >= 95, accessibility 100, best practices
// >= 95 and SEO >= 95, and axe-core finds no violation, in the light and the dark scheme.
// REPORT (optional) receives the scores and violations as JSON.
//
// With EDIT_BASE (a running `vitrina edit`), EDIT_DESK (the organizer's login path it printed)
// and EDIT_CODES (`vitrina access --json`), also the editor's pages, each with its session:
// login, a vendor's home, entry and product forms, and the desk must score accessibility 100 and
// have no axe-core violation. The session cookie is HttpOnly, so it is taken from the login's
// answer and given to Lighthouse as a header and to the axe page with the DevTools protocol; the
// editor's CSP forbids injected scripts, so the axe page bypasses it.
import fs from "node:fs";
import { createRequire } from "node:module";
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const base = process.argv[2];
const reportPath = process.argv[3];
if (!base) {
  console.error("usage: node audit.mjs BASE_URL [REPORT.json]");
  process.exit(2);
}
const PAGES = {
  home: "/",
  vendor: "/vendors/dulces-rosita/",
  product: "/vendors/dulces-rosita/alfajores-de-cafe/",
  gallery: "/vendors/dulces-rosita/alfajores-de-maicena/",
  category: "/categories/alimentos/",
  search: "/search/?q=alfajores",
};
const MIN = { performance: 95, accessibility: 100, "best-practices": 95, seo: 95 };
const EDIT_MIN = { accessibility: 100 };

// The editor's pages: name → [path, whose session ("vendor", "desk" or none)].
const EDIT_VENDOR = "dulces-rosita";
const EDIT_PAGES = {
  "edit-login": ["/__vitrina/edit/", null],
  "edit-home": [`/__vitrina/edit/v/${EDIT_VENDOR}/`, "vendor"],
  "edit-entry": [`/__vitrina/edit/v/${EDIT_VENDOR}/entry`, "vendor"],
  "edit-product": [`/__vitrina/edit/v/${EDIT_VENDOR}/p/alfajores-de-cafe`, "vendor"],
  "edit-desk": ["/__vitrina/edit/desk", "desk"],
};

/** Logs in by a code link; returns the session cookie's value. */
async function logIn(editBase, path) {
  const r = await fetch(editBase + path, { redirect: "manual" });
  const cookie = (r.headers.getSetCookie?.() ?? [r.headers.get("set-cookie") ?? ""])
    .map((c) => c.split(";")[0])
    .find((c) => c.startsWith("vitrina_edit="));
  if (r.status !== 303 || !cookie) throw new Error(`login ${path}: ${r.status}, no session`);
  return cookie.slice("vitrina_edit=".length);
}

/** The editor's pages with their session cookie (none when EDIT_BASE is not set). */
async function editorPages() {
  const editBase = process.env.EDIT_BASE;
  if (!editBase) return [];
  const codes = JSON.parse(fs.readFileSync(process.env.EDIT_CODES, "utf8"));
  const vendor = codes.find((c) => c.vendor === EDIT_VENDOR);
  if (!vendor) throw new Error(`no code for ${EDIT_VENDOR} in ${process.env.EDIT_CODES}`);
  const sessions = {
    vendor: await logIn(editBase, vendor.path),
    desk: await logIn(editBase, process.env.EDIT_DESK),
  };
  return Object.entries(EDIT_PAGES).map(([name, [path, who]]) => ({
    name, url: editBase + path, cookie: who ? sessions[who] : null,
  }));
}

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  chromeFlags: [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
const failures = [];
const report = { lighthouse: {}, axe: {} };
try {
  for (const [name, path] of Object.entries(PAGES)) {
    const url = base + path;
    const result = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: Object.keys(MIN),
    });
    const lhr = result.lhr;
    if (lhr.runtimeError) failures.push(`${name}: Lighthouse: ${lhr.runtimeError.message}`);
    const scores = {};
    for (const [id, min] of Object.entries(MIN)) {
      const score = Math.round((lhr.categories[id]?.score ?? 0) * 100);
      scores[id] = score;
      if (score < min) {
        const failed = lhr.categories[id].auditRefs
          .map((r) => lhr.audits[r.id])
          .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== "informative")
          .map((a) => `${a.id} (${a.displayValue || a.score})`);
        failures.push(`${name}: ${id} ${score} < ${min}: ${failed.join(", ")}`);
      }
    }
    scores.lcp_ms = Math.round(lhr.audits["largest-contentful-paint"].numericValue);
    scores.cls = lhr.audits["cumulative-layout-shift"].numericValue;
    scores.total_kb = Math.round(lhr.audits["total-byte-weight"].numericValue / 1024);
    report.lighthouse[name] = scores;
    console.log(`lighthouse ${name.padEnd(8)} ${JSON.stringify(scores)}`);
  }

  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
  const axePath = require.resolve("axe-core/axe.min.js");
  for (const scheme of ["light", "dark"]) {
    for (const [name, path] of Object.entries(PAGES)) {
      const page = await browser.newPage();
      await page.setViewport({ width: 360, height: 740, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
      await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
      await page.goto(base + path, { waitUntil: "networkidle0" });
      await page.addScriptTag({ path: axePath });
      const violations = await page.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ["violations"] });
        return r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
        }));
      });
      report.axe[`${name} (${scheme})`] = violations;
      console.log(`axe ${name.padEnd(8)} ${scheme.padEnd(5)} ${violations.length} violations`);
      for (const v of violations) {
        failures.push(`axe ${name} (${scheme}): ${v.id} [${v.impact}] at ${v.nodes.join(", ")}`);
      }
      await page.close();
    }
  }

  // The editor, logged in.
  for (const { name, url, cookie } of await editorPages()) {
    const headers = cookie ? { Cookie: `vitrina_edit=${cookie}` } : undefined;
    const result = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: Object.keys(EDIT_MIN),
      extraHeaders: headers,
    });
    const lhr = result.lhr;
    if (lhr.runtimeError) failures.push(`${name}: Lighthouse: ${lhr.runtimeError.message}`);
    if (lhr.finalDisplayedUrl !== url) failures.push(`${name}: landed on ${lhr.finalDisplayedUrl}`);
    const scores = {};
    for (const [id, min] of Object.entries(EDIT_MIN)) {
      const score = Math.round((lhr.categories[id]?.score ?? 0) * 100);
      scores[id] = score;
      if (score < min) {
        const failed = lhr.categories[id].auditRefs
          .map((r) => lhr.audits[r.id])
          .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== "informative")
          .map((a) => `${a.id} (${a.displayValue || a.score})`);
        failures.push(`${name}: ${id} ${score} < ${min}: ${failed.join(", ")}`);
      }
    }
    report.lighthouse[name] = scores;
    console.log(`lighthouse ${name.padEnd(12)} ${JSON.stringify(scores)}`);

    // A context of its own: its cookie must not reach the next page's Lighthouse run.
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setBypassCSP(true);
    await page.setViewport({ width: 360, height: 740, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    if (cookie) {
      await page.setCookie({ name: "vitrina_edit", value: cookie, url, path: "/__vitrina/edit/", httpOnly: true });
    }
    const answer = await page.goto(url, { waitUntil: "networkidle0" });
    if (answer.status() !== 200) failures.push(`axe ${name}: status ${answer.status()}`);
    await page.addScriptTag({ path: axePath });
    const violations = await page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ["violations"] });
      return r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
      }));
    });
    report.axe[name] = violations;
    console.log(`axe ${name.padEnd(12)} ${violations.length} violations`);
    for (const v of violations) {
      failures.push(`axe ${name}: ${v.id} [${v.impact}] at ${v.nodes.join(", ")}`);
    }
    await context.close();
  }
  await browser.disconnect();
} finally {
  await chrome.kill();
}
report.versions = {
  lighthouse: require("lighthouse/package.json").version,
  axe: require("axe-core/package.json").version,
};
if (reportPath) fs.writeFileSync(reportPath, JSON.stringify(report, null, 2) + "\n");
if (failures.length) {
  console.error("\nFAILED:\n" + failures.map((f) => "  " + f).join("\n"));
  process.exit(1);
}
console.log("audit: every page passes");
