// vitrina serve: live reload. Added to every page only while `vitrina serve` runs; never part
// of a build. Listens to /__vitrina/events (Server-Sent Events):
//   hello    {site, problems?}  on (re)connecting: reload if the server now serves another site
//                               (a rebuild was missed, or vitrina restarted)
//   reload   {site, changed}    a rebuild changed pages: reload
//   css      {site, changed}    only stylesheets changed: swap them, no reload
//   problems {title, ...}       the last edit broke the site: show what and where (the page
//                               stays the last good one)
(() => {
  "use strict";
  const me = document.currentScript;
  // A preview is never served from a service worker's cache (a built site's sw.js): the page
  // does not register it under serve, and one left from an earlier visit is removed.
  window.vitrinaLive = true;
  if (navigator.serviceWorker) {
    navigator.serviceWorker.getRegistrations()
      .then((rs) => rs.forEach((r) => r.unregister()))
      .catch(() => {});
  }
  let site = me ? me.dataset.site : "";
  const ID = "vitrina-problems";

  function hide() {
    const old = document.getElementById(ID);
    if (old) old.remove();
  }

  function el(tag, style, text) {
    const e = document.createElement(tag);
    if (style) e.style.cssText = style;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // The problems, as the terminal shows them: file, line, message, what to do.
  function show(p) {
    hide();
    const box = el("div", "position:fixed;inset:0 0 auto 0;z-index:2147483647;max-height:80vh;overflow:auto;" +
      "background:#fff;color:#1a1a1a;border-top:6px solid #c62828;box-shadow:0 4px 24px rgba(0,0,0,.35);" +
      "font:16px/1.45 system-ui,sans-serif;padding:1rem 1.25rem");
    box.id = ID;
    box.setAttribute("role", "alert");
    const close = el("button", "float:right;font-size:1.5rem;line-height:1;background:none;border:0;cursor:pointer;padding:.25rem .5rem", "×");
    close.setAttribute("aria-label", p.close || "×");
    close.addEventListener("click", hide);
    box.append(close, el("h2", "margin:0 0 .25rem;font-size:1.15rem;color:#c62828", p.title));
    if (p.lead) box.append(el("p", "margin:0 0 .75rem", p.lead));
    for (const d of p.problems || []) {
      const item = el("section", "border-left:4px solid " + (d.severity === "error" ? "#c62828" : "#ef6c00") +
        ";padding:.25rem .75rem;margin:.75rem 0");
      item.className = "vitrina-problem";
      const where = d.file + (d.line ? ":" + d.line + (d.column ? ":" + d.column : "") : "");
      item.append(el("p", "margin:0;font-family:ui-monospace,monospace;font-size:.9rem", where));
      item.append(el("p", "margin:.25rem 0;font-weight:600", d.message));
      if (d.snippet) {
        item.append(el("pre", "margin:.25rem 0;padding:.5rem;background:#f5f5f5;overflow:auto;font-size:.85rem", d.snippet));
      }
      if (d.hint) item.append(el("p", "margin:.25rem 0", (p.hint_label || "") + " " + d.hint));
      box.append(item);
    }
    document.body.append(box);
  }

  // Swap each changed stylesheet for a fresh copy; the old one goes once the new one loaded.
  function swapCss(changed) {
    const now = Date.now();
    let swapped = 0;
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href, location.href);
      let path = url.pathname.replace(/^\//, "");
      try { path = decodeURIComponent(path); } catch (e) { /* keep it encoded */ }
      if (url.origin !== location.origin || !changed.includes(path)) continue;
      swapped++;
      const fresh = link.cloneNode();
      url.searchParams.set("vitrina", String(now));
      fresh.href = url.href;
      fresh.addEventListener("load", () => link.remove());
      fresh.addEventListener("error", () => link.remove());
      link.after(fresh);
    }
    // A stylesheet this page does not link (an @import, another page's): reload to be sure.
    if (!swapped) location.reload();
  }

  function connect() {
    const es = new EventSource("/__vitrina/events");
    es.addEventListener("hello", (e) => {
      const d = JSON.parse(e.data);
      window.vitrinaLive = "connected";
      if (d.site !== site) { location.reload(); return; }
      if (d.problems) show(d.problems); else hide();
    });
    es.addEventListener("reload", () => location.reload());
    es.addEventListener("css", (e) => {
      const d = JSON.parse(e.data);
      site = d.site;
      hide();
      swapCss(d.changed || []);
    });
    es.addEventListener("problems", (e) => show(JSON.parse(e.data)));
    // The browser reconnects by itself after a dropped connection; after a refused one (the
    // server was restarted on another binary, or answered with an error) it gives up: retry.
    es.addEventListener("error", () => {
      if (es.readyState === EventSource.CLOSED) setTimeout(connect, 1000);
    });
  }
  connect();
})();
