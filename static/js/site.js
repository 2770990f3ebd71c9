// Small enhancements on top of pages that work fully without JavaScript.
(function () {
  "use strict";

  // Links inside the SVG drawing are SVG <a> elements, which htmx does not treat as
  // links: stop the browser following them when htmx is handling the click.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("svg a[data-hx-get]");
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

  // Was the request a choice the person made: a link or button clicked (or pressed with
  // Enter or Space) or a form sent? Not a live update as they type or tick a box.
  function madeByChoice(event) {
    var config = event.detail && event.detail.requestConfig;
    var trigger = config && config.triggeringEvent;
    return !!trigger && (trigger.type === "click" || trigger.type === "submit");
  }

  // After an htmx swap, move focus to the new heading so keyboard and screen-reader
  // users land on what changed. After a choice this happens even when focus is still
  // inside the swapped part: htmx puts focus back on an element with the same id, such
  // as the place just chosen on the drawing. Other swaps (live updates) only move focus
  // when it was lost, never away from the box being ticked.
  document.addEventListener("htmx:afterSettle", function (event) {
    revealPrintButtons(event.target);
    var focusTarget = event.target.querySelector("[data-focus-on-swap]");
    if (!focusTarget) return;
    if (madeByChoice(event) || !event.target.contains(document.activeElement)) {
      focusTarget.focus();
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    revealPrintButtons(document);
  });
})();
