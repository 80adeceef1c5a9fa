// The "Print this page" button of initiative pages: a script file, not an inline handler,
// so that the Content Security Policy can forbid inline scripts. Without JavaScript the
// button stays hidden and the browser's own Print menu does the same.
(function () {
  "use strict";
  function init() {
    document.querySelectorAll("button[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        window.print();
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
