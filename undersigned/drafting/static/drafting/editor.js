// Live preview for the statement editor: while the secretariat types, the server renders the
// text with its paragraph numbers (the same code as the "Preview" button). No inline script:
// this file is loaded with `defer` and finds its form by the data-preview-url attribute.
(function () {
  "use strict";
  var form = document.querySelector("form[data-preview-url]");
  var target = document.getElementById("preview");
  if (!form || !target || !window.fetch) return;
  var body = form.querySelector("textarea[name='body']");
  var token = form.querySelector("input[name='csrfmiddlewaretoken']");
  if (!body || !token) return;
  var timer = null;
  var sent = body.value;

  function refresh() {
    if (body.value === sent) return;
    sent = body.value;
    var data = new FormData();
    data.append("body", sent);
    data.append("csrfmiddlewaretoken", token.value);
    fetch(form.getAttribute("data-preview-url"), {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": token.value },
    })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) { if (html !== null) target.innerHTML = html; })
      .catch(function () { /* the Preview button still works */ });
  }

  body.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 600);
  });
})();
