// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // After an htmx swap, move keyboard focus to what changed so screen-reader and keyboard users
  // are not left on a removed element: an error summary first, else the first heading, else the
  // swapped region itself. The polite live region announces the new title.
  document.addEventListener("htmx:afterSettle", function (event) {
    // A region may name the element that must get focus after its swap (a new comment).
    var fresh = document.querySelector("[data-focus-new]");
    if (fresh) {
      fresh.removeAttribute("data-focus-new");
      if (!fresh.hasAttribute("tabindex")) { fresh.setAttribute("tabindex", "-1"); }
      fresh.focus({ preventScroll: false });
      return;
    }
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

  // A refused form of a region marked data-swap-refusals (a comment too long, posted too often)
  // comes back with its 4xx status and the reason: show it in place rather than nothing.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    var status = detail.xhr ? detail.xhr.status : 0;
    var region = detail.target && detail.target.closest ? detail.target.closest("[data-swap-refusals]") : null;
    if (region && status >= 400 && status < 500 && detail.serverResponse.indexOf('id="' + region.id + '"') >= 0) {
      detail.shouldSwap = true;
      detail.isError = false;
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
