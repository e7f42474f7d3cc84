// The page of an upload being read: asks every two seconds where the reading stands, updates
// the status line, and shows the review (or the reason for a refusal) once the worker is done.
// Without JavaScript, the page's "Reload now" link does the same by hand.
(function () {
  "use strict";
  var status = document.querySelector("[data-progress-url]");
  if (!status) {
    return;
  }
  var url = status.getAttribute("data-progress-url");

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (state) {
        if (state && (state.state === "done" || state.state === "failed")) {
          window.location.reload();
          return;
        }
        if (state && state.label && status.textContent !== state.label) {
          status.textContent = state.label;
        }
        window.setTimeout(poll, 2000);
      })
      .catch(function () {
        window.setTimeout(poll, 2000);
      });
  }

  window.setTimeout(poll, 2000);
})();
