// The editor's script. Everything works without it; with it:
// 1. the text boxes get bold, list and link buttons;
// 2. what she types is kept in the browser (localStorage) until the server says it is saved,
//    and offered back after a reload, an expired session or a lost connection;
// 3. after a refused save, the first field with a problem gets the focus;
// 4. (photo.js, below) photos are scaled in the browser before they are sent, with a progress
//    bar.
(function () {
  "use strict";

  // 1. Text-box buttons.
  document.querySelectorAll(".tools[data-for]").forEach(function (bar) {
    var box = document.getElementById(bar.getAttribute("data-for"));
    if (!box) return;
    bar.hidden = false;
    bar.addEventListener("click", function (e) {
      var b = e.target.closest("button[data-md]");
      if (!b) return;
      var s = box.selectionStart, t = box.selectionEnd, v = box.value, sel = v.slice(s, t);
      var kind = b.getAttribute("data-md"), put;
      if (kind === "bold") put = "**" + (sel || "texto") + "**";
      else if (kind === "list") put = (s > 0 && v[s - 1] !== "\n" ? "\n" : "") + (sel || "").split("\n").map(function (l) { return "- " + l; }).join("\n");
      else put = "[" + (sel || "texto") + "](https://)";
      box.setRangeText(put, s, t, "end");
      box.focus();
      box.dispatchEvent(new Event("input", { bubbles: true }));
    });
  });

  // 2. Unsaved text kept in the browser. A record is {values, hash, sent}: what she typed, the
  //    version of the file the form was loaded from (its hidden `hash`), and whether she pressed
  //    "Guardar". A record that was sent and whose file has changed since was saved (the server
  //    may have written it differently: "S/ 7,50" becomes 7.5), so it is not offered back.
  var PREFIX = "vitrina-unsaved:";
  function fieldsOf(form) {
    var out = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.type === "hidden" || el.type === "file" || el.type === "submit") return;
      if (el.type === "checkbox") out[el.name + "=" + el.value] = el.checked;
      else out[el.name] = el.value;
    });
    return out;
  }
  function apply(form, values) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.type === "hidden" || el.type === "file") return;
      if (el.type === "checkbox") {
        var k = el.name + "=" + el.value;
        if (k in values) el.checked = values[k];
      } else if (el.name in values) el.value = values[el.name];
    });
  }
  function load(key) {
    try {
      var r = JSON.parse(localStorage.getItem(key));
      return r && r.values ? r : null;
    } catch (e) { return null; }
  }
  function drop(key) {
    try { localStorage.removeItem(key); } catch (e) {}
  }
  document.querySelectorAll("form[data-keep]").forEach(function (form) {
    var key = PREFIX + form.getAttribute("data-keep");
    var hash = form.elements.hash ? form.elements.hash.value : "";
    var initial = JSON.stringify(fieldsOf(form));
    var refused = !!form.closest("main").querySelector(".error-box");
    var kept = load(key);
    // The server shows what she sent, next to what went wrong: keep the record, offer nothing.
    if (kept && !refused) {
      var saved = kept.sent && kept.hash !== hash;
      if (saved || JSON.stringify(kept.values) === initial) {
        drop(key);
        kept = null;
      }
    }
    if (kept && !refused) {
      var note = document.createElement("div");
      note.className = "restore";
      note.setAttribute("role", "status");
      var lang = document.documentElement.lang;
      var p = document.createElement("p");
      p.textContent = lang === "en" ? "You have changes that were not saved. Bring them back?" : "Tienes cambios que no se guardaron. ¿Quieres recuperarlos?";
      var yes = document.createElement("button");
      yes.type = "button";
      yes.textContent = lang === "en" ? "Bring them back" : "Recuperar";
      var no = document.createElement("button");
      no.type = "button";
      no.className = "secondary";
      no.textContent = lang === "en" ? "Discard" : "Descartar";
      yes.addEventListener("click", function () {
        apply(form, kept.values);
        note.remove();
      });
      no.addEventListener("click", function () {
        drop(key);
        note.remove();
      });
      note.appendChild(p);
      note.appendChild(yes);
      note.appendChild(document.createTextNode(" "));
      note.appendChild(no);
      form.parentNode.insertBefore(note, form);
    }
    function keep(sent) {
      var now = fieldsOf(form);
      try {
        if (!sent && JSON.stringify(now) === initial) localStorage.removeItem(key);
        else localStorage.setItem(key, JSON.stringify({ values: now, hash: hash, sent: sent }));
      } catch (e) {}
    }
    form.addEventListener("input", function () { keep(false); });
    form.addEventListener("change", function () { keep(false); });
    form.addEventListener("submit", function () { keep(true); });
  });

  // A new product she sent is in her list now: it was saved.
  var listed = {};
  document.querySelectorAll(".products [data-name]").forEach(function (el) {
    listed[el.getAttribute("data-name")] = true;
  });
  try {
    for (var i = localStorage.length - 1; i >= 0; i--) {
      var k = localStorage.key(i);
      if (!k || k.indexOf(PREFIX + "product-") !== 0 || k.slice(-4) !== "-new") continue;
      var r = load(k);
      if (r && r.sent && listed[r.values.name]) drop(k);
    }
  } catch (e) {}

  // 3. After a refused save, the first field with a problem has the focus, so a screen reader
  //    reads the problem (tied to it by aria-describedby) and she sees it at once.
  var bad = document.querySelector("main [aria-invalid=true]");
  if (bad) bad.focus();
})();
