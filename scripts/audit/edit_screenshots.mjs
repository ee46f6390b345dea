// Screenshots of the editor on a phone (360×740, DPR 2) for the guides:
// node edit_screenshots.mjs EDIT_ORIGIN CODES.json DESK_PATH OUT_DIR (run by
// scripts/edit_screenshots.sh, which starts `vitrina edit` on a copy of the example fair).
import fs from "node:fs";
import puppeteer from "puppeteer-core";

const [origin, codesPath, desk, out] = process.argv.slice(2);
const VENDOR = "dulces-rosita";
const home = `${origin}/__vitrina/edit/v/${VENDOR}/`;
const code = JSON.parse(fs.readFileSync(codesPath, "utf8")).find((c) => c.vendor === VENDOR);
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  args: ["--no-sandbox", "--headless=new", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
    "--lang=es-PE"],
  // A Peruvian phone: the file input's own button in Spanish, when Chromium has its Spanish
  // locale (Debian: chromium-l10n); otherwise it stays "Choose File".
  env: { ...process.env, LANGUAGE: "es", LANG: "es_PE.UTF-8" },
});

async function phone(context) {
  const page = await context.newPage();
  await page.setViewport({ width: 360, height: 740, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  return page;
}

async function shot(page, name) {
  await page.waitForFunction(() => [...document.images].every((i) => i.complete));
  const file = `${out}/edit-${name}.png`;
  await page.screenshot({ path: file });
  console.log(file);
}

try {
  const her = await browser.createBrowserContext();
  const page = await phone(her);
  await page.goto(`${origin}/__vitrina/edit/`, { waitUntil: "networkidle0" });
  await shot(page, "login");
  await page.goto(origin + code.path, { waitUntil: "networkidle0" });
  await shot(page, "home");
  await page.goto(`${home}entry`, { waitUntil: "networkidle0" });
  await shot(page, "entry");
  const product = `${home}p/alfajores-de-cafe`;
  await page.goto(product, { waitUntil: "networkidle0" });
  // The form from its photos down: what a product with a photo looks like.
  await page.evaluate(() => {
    const photos = document.querySelector(".photo").previousElementSibling; // the "Fotos" heading
    window.scrollTo(0, photos.getBoundingClientRect().top + window.scrollY - 16);
  });
  await shot(page, "product");
  // A save with an empty name: refused, the problem next to the field.
  await page.goto(product, { waitUntil: "networkidle0" });
  await page.$eval("#f-name", (el) => { el.value = ""; });
  await Promise.all([page.waitForNavigation({ waitUntil: "networkidle0" }), page.click("button.save")]);
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, "refused");
  await her.close();

  const organizer = await browser.createBrowserContext();
  const deskPage = await phone(organizer);
  await deskPage.goto(origin + desk, { waitUntil: "networkidle0" });
  await shot(deskPage, "desk");
  await organizer.close();
} finally {
  await browser.close();
}
