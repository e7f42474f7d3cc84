// Django's two-list selector (filter_horizontal) names its search icon with aria-label on a
// span that has no role, which ARIA forbids (WCAG 4.1.2); as an image the name is allowed.
// The selector is built on the load event, so this runs just after it.
"use strict";
window.addEventListener("load", () => {
  setTimeout(() => {
    for (const icon of document.querySelectorAll(".search-label-icon[aria-label]:not([role])")) {
      icon.setAttribute("role", "img");
    }
  });
});
