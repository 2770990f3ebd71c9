// Small enhancements on top of pages that work fully without JavaScript.
(function () {
  "use strict";

  // Links inside the SVG drawing are SVG <a> elements, which htmx does not treat as
  // links: stop the browser following them when htmx is handling the click.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("svg a[hx-get]");
    if (link && window.htmx && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
      event.preventDefault();
    }
  });

  // Print buttons (the self-check result) need a script; without one they stay hidden.
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-print]")) {
      window.print();
    }
  });

  function revealPrintButtons(root) {
    root.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
    });
  }

  // Keep the drawing in the self-check in step with the region checkboxes.
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("input[name=region]")) return;
    var form = box.form;
    var path = form && form.querySelector('[data-region="' + box.value + '"]');
    if (path) path.classList.toggle("is-selected", box.checked);
  });

  // After an htmx swap, move focus to the new heading so keyboard and screen-reader
  // users land on what changed.
  document.addEventListener("htmx:afterSettle", function (event) {
    revealPrintButtons(event.target);
    var focusTarget = event.target.querySelector("[data-focus-on-swap]");
    if (focusTarget && !event.target.contains(document.activeElement)) {
      focusTarget.focus();
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    revealPrintButtons(document);
  });
})();
