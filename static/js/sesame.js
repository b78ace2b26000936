/* Progressive enhancement only: every page works without this file. */
(function () {
  "use strict";
  function setupCopyButtons() {
    document.querySelectorAll("[data-copy-target]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var field = document.getElementById(button.getAttribute("data-copy-target"));
        var status = document.getElementById(button.getAttribute("data-copy-status"));
        if (!field) { return; }
        var done = function (message) { if (status) { status.textContent = message; } };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(field.value).then(function () {
            done(button.getAttribute("data-copied"));
          }, function () { field.select(); done(button.getAttribute("data-fallback")); });
        } else {
          field.select();
          done(button.getAttribute("data-fallback"));
        }
      });
    });
  }
  document.addEventListener("DOMContentLoaded", setupCopyButtons);
})();
