// Screenshots of the catalogue on a phone (360×740, DPR 2) for the README:
// node screenshots.mjs BASE_URL OUT_DIR (run by scripts/screenshots.sh).
import puppeteer from "puppeteer-core";

const [base, out] = process.argv.slice(2);
const SHOTS = {
  home: "/",
  vendor: "/vendors/dulces-rosita/",
  product: "/vendors/dulces-rosita/alfajores-de-cafe/",
  search: "/search/?q=alfajores",
};
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  args: ["--no-sandbox", "--headless=new", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars"],
});
try {
  for (const scheme of ["light", "dark"]) {
    for (const [name, path] of Object.entries(SHOTS)) {
      const page = await browser.newPage();
      await page.setViewport({ width: 360, height: 740, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
      await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
      await page.goto(base + path, { waitUntil: "networkidle0" });
      // Every photo on the first screen has arrived.
      await page.waitForFunction(() => [...document.images].every((i) => i.complete || i.loading === "lazy"));
      const file = `${out}/${name}${scheme === "dark" ? "-dark" : ""}.png`;
      await page.screenshot({ path: file });
      console.log(file);
      await page.close();
    }
  }
} finally {
  await browser.close();
}
