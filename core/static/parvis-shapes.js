// Maps drawn on the server (macros/shapes.html): the words of the district under the pointer or
// the keyboard's focus are written under the map, as well as in each shape's tooltip (<title>).
(function () {
  "use strict";

  function init() {
    document.querySelectorAll(".shape-figure").forEach(function (figure) {
      if (figure.getAttribute("data-ready")) { return; }
      figure.setAttribute("data-ready", "1");
      var readout = figure.querySelector(".shape-readout");
      if (!readout) { return; }
      figure.querySelectorAll(".shape").forEach(function (shape) {
        var show = function () {
          readout.hidden = false;
          readout.textContent = shape.getAttribute("aria-label") || "";
        };
        shape.addEventListener("focus", show);
        shape.addEventListener("mouseenter", show);
      });
    });
  }
  document.addEventListener("DOMContentLoaded", init);
  document.addEventListener("htmx:afterSettle", init);
})();
