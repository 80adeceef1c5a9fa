// The site's small progressive enhancements; every page works without them.
(function () {
  "use strict";
  var MENUS = "details.site-menu, details.language-menu";

  // Print: paper cannot be clicked, so site.css (print) writes each link's address after it. The
  // href attribute may be relative ("/fr/initiatives/"); a.href is the absolute address the
  // browser resolved, copied once here so that printing needs no script and no request.
  function exposeAbsoluteAddresses() {
    document.querySelectorAll("main a[href]").forEach(function (link) {
      var href = link.getAttribute("href");
      var shown = link.textContent.trim().replace(/\/$/, "");
      // Not for a link whose text is its address already, nor for the map's credits.
      if (shown === link.href.replace(/\/$/, "") || link.closest(".leaflet-container")) {
        link.setAttribute("data-print-href", "");
        return;
      }
      if (href && href.charAt(0) !== "#" && /^(https?:|\/|\.|[^:]*$)/.test(href)) {
        link.setAttribute("data-print-href", link.href);
      }
    });
  }

  // The header's menus are <details>: Escape closes the open one and gives the focus back
  // to its button; a click elsewhere closes the language list.
  function closeMenu(menu, focus) {
    menu.open = false;
    if (focus) menu.querySelector("summary").focus();
  }
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(MENUS).forEach(function (menu) {
      if (menu.open && getComputedStyle(menu.querySelector("summary")).display !== "none") {
        closeMenu(menu, menu.contains(document.activeElement));
      }
    });
  });
  document.addEventListener("click", function (event) {
    document.querySelectorAll("details.language-menu[open]").forEach(function (menu) {
      if (!menu.contains(event.target)) closeMenu(menu, false);
    });
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", exposeAbsoluteAddresses);
  } else {
    exposeAbsoluteAddresses();
  }
})();
