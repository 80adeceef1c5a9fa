/*
 * What both maps share, and the location mini-map of a signatory's profile (the map of
 * signatories, MapPage, is signatory-map.js, which uses window.PactMap from this file).
 *
 * No inline script (Content-Security-Policy): the country outlines, the optional tile server
 * and Leaflet's files come from data-* attributes, the texts in the reader's language from
 * the #pact-map-texts JSON block. Without this file (or without JavaScript) the pages still
 * work: the profile names its place, the map page's list shows the signatories.
 */
(function () {
  "use strict";

  function readTexts() {
    var node = document.getElementById("pact-map-texts");
    return node ? JSON.parse(node.textContent) : { types: {}, language: "en" };
  }

  // forms: one text per plural category ("one", "few", "many", "other"...), rendered by
  // the server with ngettext; Intl.PluralRules picks the one for this number.
  function plural(forms, count, language) {
    var category = "other";
    try {
      category = new Intl.PluralRules(language).select(count);
    } catch (error) {
      category = count === 1 ? "one" : "other";
    }
    var form = (forms && (forms[category] || forms.other)) || "%(counter)s";
    return form.replace("%(counter)s", String(count));
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (character) {
      return "&#" + character.charCodeAt(0) + ";";
    });
  }

  // The layers under the markers. The country outlines are a static file of the site (Natural
  // Earth's data, vendored: pact_pages/map/outlines.py), so the map works offline and makes no
  // third-party request; tiles, when the site sets a tile server, are drawn over them (where a
  // tile cannot load, the outlines show through).
  function addBaseLayers(map, container) {
    var outlines = container.dataset.outlinesUrl;
    if (outlines) {
      map.createPane("pact-outlines").style.zIndex = 150; // under the tiles (200)
      fetch(outlines)
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        })
        .then(function (data) {
          // One GeometryCollection (pact_pages/map/outlines.py); a FeatureCollection would do.
          drawOutlines(map, container, data.geometries || data.features || [data]);
        })
        .catch(function () {}); // the sea-coloured background stays, the markers too
    }
    var url = container.dataset.tileUrl;
    if (!url) return;
    var layer = L.tileLayer(url, {
      attribution: container.dataset.tileAttribution || "",
      maxZoom: 19,
      // The site sends "Referrer-Policy: same-origin"; OpenStreetMap's tile servers refuse
      // requests without a Referer, so tiles send the site's origin (never the path).
      referrerPolicy: "strict-origin-when-cross-origin",
    });
    // Tiles that cannot load are hidden by site.css (Leaflet marks the loaded ones): the
    // outlines stay under the markers, with no broken image or error.
    layer.addTo(map);
  }

  // The outlines are drawn on one canvas, not as some 250 SVG paths (which cost a phone
  // most of a second of layout and painting), a few countries per task, so that the page
  // stays responsive to taps and keys while they are drawn. The container's
  // data-outlines-drawn counts the countries drawn (tests wait for it).
  function drawOutlines(map, container, features) {
    var layer = L.geoJSON(null, {
      pane: "pact-outlines",
      renderer: L.canvas({ pane: "pact-outlines" }),
      interactive: false,
      attribution: container.dataset.outlinesAttribution || "",
      style: { color: "#8a9aab", weight: 1, fillColor: "#f7f6f2", fillOpacity: 1 },
    }).addTo(map);
    var next = 0;
    function drawSome() {
      var started = Date.now();
      // 8 ms a task: under the 50 ms that count as blocking even on a four times slower phone.
      while (next < features.length && Date.now() - started < 8) {
        layer.addData(features[next]);
        next += 1;
      }
      container.dataset.outlinesDrawn = String(next);
      if (next < features.length) window.setTimeout(drawSome, 0);
    }
    drawSome();
  }

  // A marker: the type's symbol (colour and shape, as in the legend) and, for screen
  // readers, a label (the signatory's name and type). Leaflet makes it a focusable button.
  function markerIcon(type, label) {
    return L.divIcon({
      className: "map-marker",
      html:
        '<span class="map-symbol map-symbol--' +
        escapeHtml(type) +
        '" aria-hidden="true"></span><span class="visually-hidden">' +
        escapeHtml(label) +
        "</span>",
      iconSize: [24, 24],
      iconAnchor: [12, 12],
      popupAnchor: [0, -12],
    });
  }

  // The profile's mini-map: one marker, no panning or zooming, not in the Tab order (the
  // page states the place in text; the map only shows where it is).
  function startMiniMap(container, texts) {
    var latitude = parseFloat(container.dataset.latitude);
    var longitude = parseFloat(container.dataset.longitude);
    container.hidden = false;
    var map = L.map(container, {
      center: [latitude, longitude],
      // Without tiles the country outlines are all there is: at zoom 5 they show which
      // country and where in it; closer in, a reader would see one beige square.
      zoom: container.dataset.tileUrl ? 8 : 5,
      zoomControl: false,
      dragging: false,
      touchZoom: false,
      scrollWheelZoom: false,
      doubleClickZoom: false,
      boxZoom: false,
      keyboard: false,
    });
    addBaseLayers(map, container);
    L.marker([latitude, longitude], {
      icon: markerIcon(container.dataset.type || "", container.dataset.name || ""),
      keyboard: false,
      interactive: false,
    }).addTo(map);
  }

  // A file added to the page once, when first needed. Handlers set from a script are no
  // inline code: the Content-Security-Policy allows them.
  var requested = {};
  function load(url, tag) {
    if (!requested[url]) {
      requested[url] = new Promise(function (resolve, reject) {
        var node = document.createElement(tag);
        if (tag === "script") {
          node.src = url;
        } else {
          node.rel = "stylesheet";
          node.href = url;
        }
        node.onload = resolve;
        node.onerror = reject;
        document.head.appendChild(node);
      });
    }
    return requested[url];
  }

  // Leaflet's stylesheets (data-stylesheets), added by this script rather than by the page:
  // no reader waits for them before seeing the page's text.
  function loadStylesheets(container) {
    var urls = (container.dataset.stylesheets || "").split(" ").filter(Boolean);
    return Promise.all(
      urls.map(function (url) {
        return load(url, "link");
      })
    );
  }

  // Leaflet (some 45 KB) and the outlines (some 55 KB) are fetched only when the mini-map
  // comes near the screen: a reader who never scrolls to it does not pay for it.
  function whenNearScreen(node, callback) {
    if (!("IntersectionObserver" in window)) return callback();
    var observer = new IntersectionObserver(
      function (entries) {
        if (!entries.some(function (entry) { return entry.isIntersecting; })) return;
        observer.disconnect();
        callback();
      },
      { rootMargin: "200px 0px" }
    );
    observer.observe(node);
  }

  function prepareMiniMap(container, texts) {
    var latitude = parseFloat(container.dataset.latitude);
    var longitude = parseFloat(container.dataset.longitude);
    if (!isFinite(latitude) || !isFinite(longitude)) return unavailable(container);
    whenNearScreen(container, function () {
      var files = [loadStylesheets(container)];
      if (typeof L === "undefined") files.push(load(container.dataset.leafletScript, "script"));
      Promise.all(files).then(
        function () {
          startMiniMap(container, texts);
        },
        function () {
          unavailable(container);
        }
      );
    });
  }

  // No map (Leaflet could not load): its room is given back; the text says where and who.
  function unavailable(node) {
    node.classList.add("map-unavailable");
  }

  function init() {
    var texts = readTexts();
    Array.prototype.forEach.call(document.querySelectorAll("[data-mini-map]"), function (node) {
      prepareMiniMap(node, texts);
    });
  }

  window.PactMap = {
    readTexts: readTexts,
    plural: plural,
    element: element,
    escapeHtml: escapeHtml,
    markerIcon: markerIcon,
    addBaseLayers: addBaseLayers,
    loadStylesheets: loadStylesheets,
    unavailable: unavailable,
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
