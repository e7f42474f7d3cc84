// The translation editor: each translation box grows with its text, and leaving the page with
// unsaved changes asks first. The page works without this script.
(function () {
  "use strict";
  var form = document.getElementById("translation");
  if (!form) return;
  var dirty = false;
  function fit(box) {
    box.style.height = "auto";
    box.style.height = box.scrollHeight + 2 + "px";
  }
  form.querySelectorAll("textarea").forEach(function (box) {
    fit(box);
    box.addEventListener("input", function () { fit(box); });
  });
  form.addEventListener("input", function () { dirty = true; });
  form.addEventListener("submit", function () { dirty = false; });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) { event.preventDefault(); event.returnValue = ""; }
  });
  var errors = document.getElementById("errors");
  if (errors) errors.focus();
})();
