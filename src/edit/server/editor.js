// The editor's script. Everything works without it; with it:
// 1. the text boxes get bold, list and link buttons;
// 2. what she types is kept in the browser (localStorage) until the server says it is saved,
//    and offered back after a reload, an expired session or a lost connection;
// 3. (photo.js, below) photos are scaled in the browser before they are sent, with a progress
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

  // 2. Unsaved text kept in the browser.
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
  document.querySelectorAll("form[data-keep]").forEach(function (form) {
    var key = PREFIX + form.getAttribute("data-keep");
    var initial = JSON.stringify(fieldsOf(form));
    var kept = null;
    try { kept = localStorage.getItem(key); } catch (e) {}
    // What she typed is what the server has now: it was saved.
    if (kept === initial) {
      try { localStorage.removeItem(key); } catch (e) {}
      kept = null;
    }
    if (kept && kept !== initial && !form.closest("main").querySelector(".error-box")) {
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
        try { apply(form, JSON.parse(kept)); } catch (e) {}
        note.remove();
      });
      no.addEventListener("click", function () {
        try { localStorage.removeItem(key); } catch (e) {}
        note.remove();
      });
      note.appendChild(p);
      note.appendChild(yes);
      note.appendChild(document.createTextNode(" "));
      note.appendChild(no);
      form.parentNode.insertBefore(note, form);
    }
    form.addEventListener("input", function () {
      var now = JSON.stringify(fieldsOf(form));
      try {
        if (now === initial) localStorage.removeItem(key);
        else localStorage.setItem(key, now);
      } catch (e) {}
    });
  });
})();
