// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // After an htmx swap, move keyboard focus to what changed so screen-reader and keyboard users
  // are not left on a removed element: an error summary first, else the first heading, else the
  // swapped region itself. The polite live region announces the new title.
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail && event.detail.target;
    if (!target || target.hasAttribute("data-no-focus")) { return; }
    var focus = target.querySelector("[data-focus], .error-summary, h1, h2") || target;
    if (!focus.hasAttribute("tabindex") && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(focus.tagName)) {
      focus.setAttribute("tabindex", "-1");
    }
    focus.focus({ preventScroll: false });
    var announcer = document.getElementById("announcer");
    if (announcer && focus.textContent) {
      announcer.textContent = focus.textContent.trim().slice(0, 200);
    }
  });

  // Forms marked data-autosubmit (search filters) update results as the visitor types or picks.
  // On a page reached after an action (a sign-up, a cancellation), keyboard and screen-reader
  // users start from what happened: the error summary, else the confirmation (the flash notice).
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector(".error-summary") || document.getElementById("flash");
    if (summary) { summary.focus(); }
  });
})();
