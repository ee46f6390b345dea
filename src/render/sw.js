// vitrina's service worker: the catalogue keeps working without a connection. Written by
// `vitrina build` (src/render/offline.rs), which fills in the three constants below and drops
// these comments and the indentation (so: no multi-line strings or template literals here).
//
// - Pages, styles and scripts: the network first (for up to 3 s when a copy is kept, so weak
//   mobile data does not leave a visitor waiting; a copy also stands in for a server error),
//   the kept copy when it fails.
// - Photos (img/) and the search index's parts (search/…<hash>.json) never change under
//   their names within a build: kept copies are used as they are.
// - Every good response used is kept, so the pages and thumbnails a visitor has seen work
//   offline; the home page, the search page and the search index are kept at install.
// - Each build has its own cache, named by the site's path and the hash of everything the
//   build wrote: a new build installs a new worker, which takes over the old cache's photos,
//   fetches its pages again (a few seconds at most) and then deletes it, so a visitor never
//   sees pages of two builds mixed. Other sites on the same host keep their caches.
"use strict";
const VERSION = "__VERSION__";
const BASE = "__BASE__";
const PRECACHE = __PRECACHE__;
const PREFIX = "vitrina " + BASE + " ";
const CACHE = PREFIX + VERSION;
const WAIT_MS = 3000;
const HANDOVER_MS = 8000;
const HASHED = /\.[0-9a-f]{6,}\.json$/;

function immutable(path) {
  return path.startsWith(BASE + "img/") || (path.startsWith(BASE + "search/") && HASHED.test(path));
}

function keepable(res) {
  return res.ok && !res.redirected && res.type === "basic";
}

function within(ms, promise) {
  return Promise.race([promise, new Promise((resolve) => setTimeout(resolve, ms))]);
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: "no-cache" }))))
      .then(() => self.skipWaiting())
  );
});

// What the visitor kept from an earlier build: photos and index parts as they are, pages
// fetched again from this build (the most recent 200, within a few seconds, best effort).
async function handOver(cache, name) {
  const old = await caches.open(name);
  const requests = await old.keys();
  const pages = [];
  await Promise.all(requests.map(async (req) => {
    if (await cache.match(req)) return;
    if (immutable(new URL(req.url).pathname)) {
      const res = await old.match(req);
      if (res) await cache.put(req, res);
    } else {
      pages.push(req);
    }
  }));
  await within(HANDOVER_MS, Promise.all(pages.slice(-200).map(async (req) => {
    try {
      const res = await fetch(req.url, { cache: "no-cache" });
      if (keepable(res)) await cache.put(req.url, res);
    } catch (e) { /* offline again: it is simply not kept */ }
  })));
}

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    for (const name of await caches.keys()) {
      if (name === CACHE || !name.startsWith(PREFIX)) continue;
      await handOver(cache, name);
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
  // The editor and the preview's live reload (vitrina edit / serve) are never cached.
  if (url.pathname.startsWith(BASE + "__vitrina/")) return;
  event.respondWith(immutable(url.pathname) ? kept(event, req) : fresh(event, req));
});

async function kept(event, req) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(req);
  if (hit) return hit;
  const res = await fetch(req);
  if (keepable(res)) event.waitUntil(cache.put(req, res.clone()));
  return res;
}

async function fresh(event, req) {
  const cache = await caches.open(CACHE);
  const page = req.mode === "navigate";
  // A page's address without its query (/search/?q=… is the search page).
  const url = new URL(req.url);
  const key = page ? url.origin + url.pathname : req;
  const net = fetch(req).then(async (res) => {
    if (keepable(res)) await cache.put(key, res.clone());
    return res;
  });
  // The copy is saved even when the visitor was answered from the cache meanwhile.
  event.waitUntil(net.catch(() => {}));
  const hit = await cache.match(key);
  if (!hit) {
    return net.catch(async (err) => {
      const offline = page && (await cache.match(BASE + "offline.html"));
      if (offline) return offline;
      throw err;
    });
  }
  const late = new Promise((resolve) => setTimeout(() => resolve(hit), WAIT_MS));
  return Promise.race([net, late])
    .then((res) => (res.status >= 500 ? hit : res))
    .catch(() => hit);
}
