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
  // to its button; a click or the keyboard's focus elsewhere closes it, so that an open menu
  // never covers what the reader went on to (only where its button shows: on a desktop the
  // main menu is the header itself).
  function closeMenu(menu, focus) {
    menu.open = false;
    if (focus) menu.querySelector("summary").focus();
  }
  function openMenus() {
    return Array.prototype.filter.call(document.querySelectorAll(MENUS), function (menu) {
      return menu.open && getComputedStyle(menu.querySelector("summary")).display !== "none";
    });
  }
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    openMenus().forEach(function (menu) {
      closeMenu(menu, menu.contains(document.activeElement));
    });
  });
  ["click", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      openMenus().forEach(function (menu) {
        if (!menu.contains(event.target)) closeMenu(menu, false);
      });
    });
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", exposeAbsoluteAddresses);
  } else {
    exposeAbsoluteAddresses();
  }
})();
