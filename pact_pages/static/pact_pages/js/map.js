/*
 * The map of signatories (MapPage) and the location mini-map of a signatory's profile.
 *
 * No inline script (Content-Security-Policy): the country outlines, the optional tile server
 * and the API address come from data-* attributes, the texts in the reader's language from the #pact-map-texts JSON block.
 * Without this file (or without JavaScript) the pages still work: the filter form reloads
 * the page and the server-rendered list shows the same signatories as the map.
 */
(function () {
  "use strict";

  var EUROPE = { center: [52, 14], zoom: 4 };

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

  // A link to the profile, or the bare name where the page has no address.
  function profileLink(className, properties) {
    if (!properties.url) return element("span", className, properties.name);
    var link = element("a", className, properties.name);
    link.href = properties.url;
    return link;
  }

  function typeLabel(texts, type) {
    return (texts.types[type] && texts.types[type].label) || type;
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

  // On a phone the zoom buttons (top left) covered the title of a popup opened near them:
  // popups pan clear of the buttons' corner and are never wider than the map beside them.
  function popupOptions(map) {
    var zoom = map.getContainer().querySelector(".leaflet-control-zoom");
    var left = zoom ? zoom.offsetLeft + zoom.offsetWidth + 8 : 8;
    var top = zoom ? zoom.offsetTop + zoom.offsetHeight + 8 : 8;
    return {
      autoPanPaddingTopLeft: L.point(left, top),
      autoPanPadding: L.point(8, 8),
      // The popup's frame takes 46 px beside its content (Leaflet's margins and border).
      maxWidth: Math.max(160, Math.min(300, map.getSize().x - left - 8 - 46)),
    };
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (character) {
      return "&#" + character.charCodeAt(0) + ";";
    });
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

  function popupContent(texts, properties) {
    var box = element("div", "map-popup");
    var title = element("p", "map-popup-title");
    title.appendChild(profileLink("map-popup-link", properties));
    box.appendChild(title);
    box.appendChild(
      element("p", "map-popup-meta", typeLabel(texts, properties.type) + " · " + properties.country_name)
    );
    box.appendChild(
      element("p", "map-popup-meta", plural(texts.initiatives, properties.initiative_count, texts.language))
    );
    return box;
  }

  // Keyboard: a popup opened from a focused marker takes the focus (its link is then one Tab
  // away, not after every other marker); closing it gives the focus back to the marker.
  function bindPopupFocus(marker, texts) {
    marker.on("popupopen", function (event) {
      var popup = event.popup.getElement();
      var close = popup && popup.querySelector(".leaflet-popup-close-button");
      if (close) close.setAttribute("aria-label", texts.closePopup || "Close");
      var icon = marker.getElement();
      if (icon && document.activeElement === icon) {
        var link = popup.querySelector("a.map-popup-link");
        if (link) link.focus();
      }
      // Leaflet closes a popup on Escape only while the map itself has the focus.
      if (popup && !popup.dataset.escapeBound) {
        popup.dataset.escapeBound = "true";
        popup.addEventListener("keydown", function (keyEvent) {
          if (keyEvent.key === "Escape") marker.closePopup();
        });
      }
    });
    marker.on("popupclose", function (event) {
      var popup = event.popup.getElement();
      var icon = marker.getElement();
      var active = document.activeElement;
      if (icon && (active === document.body || (popup && popup.contains(active)))) icon.focus();
    });
  }

  function clusterIcon(texts) {
    return function (cluster) {
      var count = cluster.getChildCount();
      var size = count < 10 ? 34 : count < 100 ? 42 : 50;
      var node = L.divIcon({
        className: "map-cluster",
        html:
          '<span class="map-cluster-count" aria-hidden="true">' +
          count +
          '</span><span class="visually-hidden">' +
          escapeHtml(plural(texts.cluster, count, texts.language)) +
          "</span>",
        iconSize: [size, size],
      });
      return node;
    };
  }

  function listItem(texts, properties) {
    var item = element("li", "map-list-item");
    var symbol = element("span", "map-symbol map-symbol--" + properties.type);
    symbol.setAttribute("aria-hidden", "true");
    item.appendChild(symbol);
    var body = element("span");
    body.appendChild(profileLink("", properties));
    body.appendChild(document.createTextNode(" "));
    body.appendChild(
      element(
        "span",
        "card-meta",
        [
          typeLabel(texts, properties.type),
          properties.country_name,
          plural(texts.initiatives, properties.initiative_count, texts.language),
        ].join(" · ")
      )
    );
    item.appendChild(body);
    return item;
  }

  function SignatoryMap(container, texts) {
    this.container = container;
    this.texts = texts;
    this.form = document.querySelector("form[data-map-filters]");
    this.list = document.querySelector("[data-map-list]");
    this.count = document.querySelector("[data-map-count]");
    this.status = document.querySelector("[data-map-status]");
    this.canvas = container.closest("[data-map-canvas]") || container;
    this.request = 0;
  }

  SignatoryMap.prototype.start = function () {
    var self = this;
    this.canvas.hidden = false;
    this.map = L.map(this.container, {
      zoomControl: false,
      center: EUROPE.center,
      zoom: EUROPE.zoom,
      minZoom: 2,
      // The clusters need a highest zoom, at which they fan out. The country outlines show
      // nothing more beyond a town's scale; tiles, when set, show streets.
      maxZoom: this.container.dataset.tileUrl ? 19 : 12,
    });
    L.control.zoom({ zoomInTitle: this.texts.zoomIn, zoomOutTitle: this.texts.zoomOut }).addTo(this.map);
    addBaseLayers(this.map, this.container);
    this.markers = L.markerClusterGroup({
      showCoverageOnHover: false,
      maxClusterRadius: 80,
      iconCreateFunction: clusterIcon(this.texts),
    });
    this.map.addLayer(this.markers);
    if (this.form) {
      this.form.addEventListener("submit", function (event) {
        event.preventDefault();
        var params = self.formParams();
        var query = params.toString();
        window.history.pushState({ pactMap: query }, "", query ? "?" + query : window.location.pathname);
        self.load(params, true);
      });
      window.addEventListener("popstate", function () {
        self.fillForm(new URLSearchParams(window.location.search));
        self.load(self.formParams(), true);
      });
    }
    // The list is already rendered by the server for these filters: only the markers. The
    // form, not the address, gives the filters: the server dropped values it does not know
    // (which the API would refuse).
    this.load(this.form ? this.formParams() : new URLSearchParams(), false);
  };

  SignatoryMap.prototype.formParams = function () {
    var params = new URLSearchParams();
    new FormData(this.form).forEach(function (value, key) {
      if (value) params.append(key, value);
    });
    return params;
  };

  SignatoryMap.prototype.fillForm = function (params) {
    Array.prototype.forEach.call(this.form.elements, function (field) {
      var values = params.getAll(field.name);
      if (field.type === "checkbox") {
        field.checked = values.indexOf(field.value) !== -1;
      } else if (field.tagName === "SELECT") {
        field.value = values[0] || "";
      }
    });
  };

  SignatoryMap.prototype.apiUrl = function (params) {
    var query = new URLSearchParams();
    ["country", "type", "pillar"].forEach(function (name) {
      params.getAll(name).forEach(function (value) {
        if (value) query.append(name, value);
      });
    });
    query.set("locale", this.container.dataset.locale);
    return this.container.dataset.geojsonUrl + "?" + query.toString();
  };

  SignatoryMap.prototype.load = function (params, updateList) {
    var self = this;
    var request = ++this.request;
    this.container.setAttribute("aria-busy", "true");
    return fetch(this.apiUrl(params), { headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        if (request !== self.request) return; // an older answer arriving late
        self.show(data.features || []);
        if (updateList) self.showList(data.features || []);
        self.status.textContent = "";
      })
      .catch(function () {
        if (request !== self.request) return;
        if (updateList) {
          // Let the server answer the filters: the page works without the API too.
          window.location.search = params.toString();
          return;
        }
        self.status.textContent = self.texts.loadFailed;
      })
      .then(function () {
        self.container.removeAttribute("aria-busy");
      });
  };

  SignatoryMap.prototype.show = function (features) {
    var texts = this.texts;
    var options = popupOptions(this.map); // measured once, not once per marker
    var markers = features.map(function (feature) {
      var properties = feature.properties;
      var coordinates = feature.geometry.coordinates; // GeoJSON: [longitude, latitude]
      var marker = L.marker([coordinates[1], coordinates[0]], {
        icon: markerIcon(properties.type, properties.name + " (" + typeLabel(texts, properties.type) + ")"),
        keyboard: true,
      });
      // The popup's content is built when it opens, not for every marker at start-up.
      marker.bindPopup(function () {
        return popupContent(texts, properties);
      }, options);
      bindPopupFocus(marker, texts);
      return marker;
    });
    this.markers.clearLayers();
    // The view first, then the markers: the clusters are made once, at the zoom shown.
    if (markers.length) {
      // No zoom animation: the cluster layer redraws its markers when a zoom ends, which
      // closed a popup opened meanwhile (and readers who prefer reduced motion get none).
      var bounds = L.latLngBounds(markers.map(function (marker) { return marker.getLatLng(); }));
      this.map.fitBounds(bounds, { padding: [24, 24], maxZoom: 9, animate: false });
    } else {
      this.map.setView(EUROPE.center, EUROPE.zoom, { animate: false });
    }
    this.markers.addLayers(markers);
  };

  SignatoryMap.prototype.showList = function (features) {
    var texts = this.texts;
    var list = this.list;
    if (!list) return;
    list.textContent = "";
    features.forEach(function (feature) {
      list.appendChild(listItem(texts, feature.properties));
    });
    if (!features.length) list.appendChild(element("li", "map-list-empty", texts.noResults));
    if (this.count) this.count.textContent = plural(texts.signatories, features.length, texts.language);
    // The list now holds every signatory of the map: the server's pages no longer apply.
    var pages = document.querySelector("[data-map-pagination]");
    if (pages) pages.textContent = "";
  };

  // The profile's mini-map: one marker, no panning or zooming, not in the Tab order (the
  // page states the place in text; the map only shows where it is).
  function startMiniMap(container, texts) {
    var latitude = parseFloat(container.dataset.latitude);
    var longitude = parseFloat(container.dataset.longitude);
    container.hidden = false;
    var map = L.map(container, {
      center: [latitude, longitude],
      zoom: 8,
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

  // The map page loads Leaflet and markercluster itself (deferred scripts): the map is its
  // content. Without them (a failed download) the list below says the same.
  function prepareMap(container, texts) {
    var canvas = container.closest("[data-map-canvas]") || container;
    if (typeof L === "undefined" || !L.markerClusterGroup) return unavailable(canvas);
    loadStylesheets(container).then(
      function () {
        new SignatoryMap(container, texts).start();
      },
      function () {
        unavailable(canvas);
      }
    );
  }

  function init() {
    var texts = readTexts();
    var main = document.querySelector("[data-signatory-map]");
    if (main) prepareMap(main, texts);
    Array.prototype.forEach.call(document.querySelectorAll("[data-mini-map]"), function (node) {
      prepareMiniMap(node, texts);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
