/* vitrina edit: photos scaled on the phone before they are sent.
 *
 * Contract with the server (src/edit/server/):
 * - Works on every <input type="file" accept="image/*" data-scale> inside a <form data-upload>.
 *   The form is a normal form (method="post", enctype="multipart/form-data", a hidden `csrf`
 *   field, a submit button) that uploads the full file without JavaScript; this script only
 *   makes it lighter and shows progress.
 * - When: data-upload="" (or any value but "submit") sends as soon as a photo is chosen;
 *   data-upload="submit" scales when a photo is chosen and sends when the form is submitted
 *   (for forms with other fields to fill first, e.g. the alt text).
 * - The photo is decoded by the browser (createImageBitmap with the EXIF orientation applied,
 *   else an <img>), drawn on a canvas whose long side is at most 2560 px (never over iOS's
 *   16.7 MP canvas limit) and encoded as JPEG at quality 0.88 (toDataURL, see `encode`): no EXIF,
 *   no GPS by construction.
 * - Sent with XMLHttpRequest to the form's `action`, as multipart: every field of the form
 *   (the hidden `csrf` included), the photo in the field `photo` (file name "foto.jpg", which the
 *   server ignores), header `Accept: application/json`. A <progress> inside the form (it may
 *   carry `hidden`) shows the upload.
 * - The reply is JSON: {"ok":true,"file":"...","redirect":"/..."} → the page goes to `redirect`
 *   (a path on this site: anything else counts as a failure);
 *   {"ok":false,"page":"<!doctype html>…"} → the save was refused after the photo was stored
 *   (an empty name, a changed file): the page the plain form would have shown (with the
 *   problems next to their fields and the new photo in the form) replaces this one;
 *   {"ok":false,"message":"..."} → `message` is shown in the form's [role=alert] element.
 * - The button that submitted the form (e.g. "Vista previa", name="action") is sent too.
 * - If anything fails (old browser, a file the browser cannot decode, a reply that is not JSON)
 *   the form is submitted normally with the full file, and the server answers with a page.
 *   A dropped connection shows the form's `data-offline` text (from the interface strings) in
 *   its [role=alert] element, when the form has one; otherwise the form is submitted normally.
 * No text of its own: every sentence comes from the server.
 */
(function () {
  'use strict';
  var LONG_SIDE = 2560;
  var QUALITY = 0.88;
  if (!window.FormData || !FormData.prototype.set || !window.XMLHttpRequest || !window.Promise ||
      !window.URL || !window.Blob || !window.Uint8Array || !window.atob) {
    return; // The plain form does the job.
  }

  /* The photo as an image source the canvas can draw, upright. */
  function decode(file) {
    if (window.createImageBitmap) {
      return createImageBitmap(file, { imageOrientation: 'from-image' })
        .catch(function () { return viaImg(file); });
    }
    return viaImg(file);
  }

  /* An <img> applies the EXIF orientation too (CSS image-orientation: from-image). */
  function viaImg(file) {
    return new Promise(function (resolve, reject) {
      var url = URL.createObjectURL(file);
      var img = new Image();
      img.onload = function () { URL.revokeObjectURL(url); resolve(img); };
      img.onerror = function () { URL.revokeObjectURL(url); reject(new Error('decode')); };
      img.src = url;
    });
  }

  function scale(file) {
    return decode(file).then(function (src) {
      var w = src.naturalWidth || src.width;
      var h = src.naturalHeight || src.height;
      if (!w || !h) { throw new Error('size'); }
      var k = Math.min(1, LONG_SIDE / Math.max(w, h));
      var canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.round(w * k));
      canvas.height = Math.max(1, Math.round(h * k));
      var cx = canvas.getContext('2d');
      if (!cx) { throw new Error('canvas'); }
      cx.imageSmoothingQuality = 'high';
      cx.fillStyle = '#fff'; // A transparent PNG lands on white, as on the page.
      cx.fillRect(0, 0, canvas.width, canvas.height);
      cx.drawImage(src, 0, 0, canvas.width, canvas.height);
      if (src.close) { src.close(); }
      var blob = encode(canvas);
      canvas.width = canvas.height = 0; // Frees the pixels at once (iOS counts them).
      return blob;
    });
  }

  /* The canvas as a JPEG file, encoded now. Not canvas.toBlob: Chromium encodes a toBlob JPEG in
   * slices during the page's idle time and finishes it only after a 5 s timeout when idle time
   * does not come (measured: 1 save in 12 waited 6.8 s in toBlob, the other 11 took 0.1 s). A
   * data URL is encoded at once, on this thread, in about the time toBlob takes when it is quick. */
  function encode(canvas) {
    var url = canvas.toDataURL('image/jpeg', QUALITY);
    var prefix = 'data:image/jpeg;base64,';
    if (url.slice(0, prefix.length) !== prefix) { throw new Error('encode'); } // No JPEG encoder.
    var text = window.atob(url.slice(prefix.length));
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) { bytes[i] = text.charCodeAt(i); }
    return new Blob([bytes], { type: 'image/jpeg' });
  }

  function setUp(form, input) {
    var alert = form.querySelector('[role=alert]');
    var progress = form.querySelector('progress');
    var onChange = form.getAttribute('data-upload') !== 'submit';
    var pending = null; // The scaled photo of the last choice (a promise).
    var busy = false;
    var plain = false; // After a failure: let the browser send the form itself.
    var submitter = null; // The button that sent the form.

    function say(text) {
      if (alert) { alert.textContent = text; }
    }

    function fallBack() {
      busy = false;
      plain = true;
      if (progress) { progress.hidden = true; }
      HTMLFormElement.prototype.submit.call(form); // No submit event: no loop.
    }

    function send(blob) {
      var data = new FormData(form);
      if (input.name) { data['delete'](input.name); }
      data.set(input.name || 'photo', blob, 'foto.jpg');
      if (submitter && submitter.name) { data.set(submitter.name, submitter.value); }
      var xhr = new XMLHttpRequest();
      // Not form.action: a control named "action" (the "Vista previa" button) hides it.
      xhr.open('POST', form.getAttribute('action') || window.location.href);
      xhr.setRequestHeader('Accept', 'application/json');
      if (progress) {
        progress.max = 100;
        progress.value = 0;
        progress.hidden = false;
        xhr.upload.onprogress = function (e) {
          if (e.lengthComputable) { progress.value = Math.round(100 * e.loaded / e.total); }
        };
      }
      xhr.onload = function () {
        var reply = null;
        try { reply = JSON.parse(xhr.responseText); } catch (e) { reply = null; }
        if (reply && reply.ok === true && typeof reply.redirect === 'string' &&
            reply.redirect.charAt(0) === '/' && reply.redirect.charAt(1) !== '/') {
          window.location.assign(reply.redirect);
        } else if (reply && reply.ok === false && typeof reply.page === 'string') {
          document.open();
          document.write(reply.page);
          document.close();
        } else if (reply && reply.ok === false && typeof reply.message === 'string' && alert) {
          busy = false;
          if (progress) { progress.hidden = true; }
          say(reply.message);
        } else {
          fallBack();
        }
      };
      xhr.onerror = xhr.ontimeout = function () {
        var offline = form.getAttribute('data-offline');
        if (offline && alert) {
          busy = false;
          if (progress) { progress.hidden = true; }
          say(offline);
        } else {
          fallBack();
        }
      };
      xhr.send(data);
    }

    function go() {
      if (busy || !pending) { return; }
      busy = true;
      say('');
      pending.then(send)['catch'](fallBack);
    }

    input.addEventListener('change', function () {
      var file = input.files && input.files[0];
      pending = file ? scale(file) : null;
      plain = false;
      if (pending) {
        pending['catch'](function () {}); // Reported when sent, not as unhandled.
        if (onChange) { go(); }
      }
    });

    form.addEventListener('submit', function (e) {
      if (plain || !pending) { return; } // Nothing chosen, or after a failure: the plain form.
      e.preventDefault();
      submitter = e.submitter || null;
      go();
    });
  }

  var forms = document.querySelectorAll('form[data-upload]');
  for (var i = 0; i < forms.length; i++) {
    var inputs = forms[i].querySelectorAll('input[type=file][data-scale]');
    for (var j = 0; j < inputs.length; j++) { setUp(forms[i], inputs[j]); }
  }
})();
