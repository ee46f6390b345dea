// vitrina's service worker: the catalogue keeps working without a connection. Written by
// `vitrina build` (src/render/offline.rs), which fills in the three constants below.
//
// - Pages, styles and scripts: the network first (for up to 3 s when a copy is kept, so weak
//   mobile data does not leave a visitor waiting), the kept copy when it fails.
// - Photos and the search index's parts have the hash of their bytes in their names: kept
//   copies are used as they are.
// - Every response used is kept, so the pages and thumbnails a visitor has seen work offline;
//   the home page, the search page and the search index are kept at install.
// - Each build has its own cache, named by the hash of everything it wrote: a new build
//   installs a new worker, which fetches the pages kept by the old one again and then deletes
//   the old cache, so a visitor never sees pages of two builds mixed.
"use strict";
const VERSION = "__VERSION__";
const BASE = "__BASE__";
const PRECACHE = __PRECACHE__;
const CACHE = "vitrina-" + VERSION;
const WAIT_MS = 3000;
const IMMUTABLE = /\/img\/|\.[0-9a-f]{6,}\.(json|webp|jpg)$/;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    for (const name of await caches.keys()) {
      if (name === CACHE || !name.startsWith("vitrina-")) continue;
      // What the visitor had kept, fetched again from this build (best effort).
      const old = await caches.open(name);
      const requests = (await old.keys()).slice(0, 300);
      await Promise.all(requests.map(async (req) => {
        if (await cache.match(req)) return;
        try {
          const res = await fetch(req.url, { cache: "no-cache" });
          if (res.ok) await cache.put(req.url, res);
        } catch (e) { /* offline again: it is simply not kept */ }
      }));
      await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith(BASE)) return;
  if (url.pathname.startsWith("/__vitrina/")) return;
  event.respondWith(IMMUTABLE.test(url.pathname) ? kept(req) : fresh(req));
});

async function kept(req) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(req);
  if (hit) return hit;
  const res = await fetch(req);
  if (res.ok) cache.put(req, res.clone());
  return res;
}

async function fresh(req) {
  const cache = await caches.open(CACHE);
  const page = req.mode === "navigate";
  // A page's address without its query (/search/?q=… is the search page).
  const key = page ? new URL(req.url).origin + new URL(req.url).pathname : req;
  const net = fetch(req).then((res) => {
    if (res.ok) cache.put(key, res.clone());
    return res;
  });
  const hit = await cache.match(key);
  if (!hit) {
    return net.catch(async (err) => {
      const offline = page && (await cache.match(BASE + "offline.html"));
      if (offline) return offline;
      throw err;
    });
  }
  const late = new Promise((resolve) => setTimeout(() => resolve(hit), WAIT_MS));
  return Promise.race([net, late]).catch(() => hit);
}
