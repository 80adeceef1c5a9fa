/*
 * The map of signatories (MapPage): markers from the API's GeoJSON for the filters chosen,
 * clusters, popups, and the list beside the map kept in step. It runs after map.js (the
 * maps' shared parts, window.PactMap) and Leaflet with markercluster, all deferred.
 *
 * Without this file (or without JavaScript) the page still works: the filter form reloads
 * the page and the server-rendered list shows the same signatories as the map.
 */
(function () {
  "use strict";

  var EUROPE = { center: [52, 14], zoom: 4 };
  var PactMap = window.PactMap;
  var plural = PactMap.plural;
  var element = PactMap.element;
  var escapeHtml = PactMap.escapeHtml;
  var markerIcon = PactMap.markerIcon;
  var addBaseLayers = PactMap.addBaseLayers;
  var unavailable = PactMap.unavailable;

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
    // Other layers (event-layer.js: the upcoming events) add themselves to this map.
    this.container.dispatchEvent(new CustomEvent("pact:map-ready", { detail: { map: this.map } }));
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
    ["country", "type", "pillar", "reported"].forEach(function (name) {
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
        self.show(data.features || [], request);
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

  SignatoryMap.prototype.show = function (features, request) {
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
    this.addMarkers(markers, request);
  };

  // Twenty markers per task (clustering them at every zoom takes a phone some 15 ms each
  // batch): the page answers taps and keys meanwhile. A newer answer stops an older one's.
  SignatoryMap.prototype.addMarkers = function (markers, request) {
    var self = this;
    var next = 0;
    function addSome() {
      if (request !== self.request) return;
      self.markers.addLayers(markers.slice(next, next + 20));
      next += 20;
      if (next < markers.length) window.setTimeout(addSome, 0);
    }
    addSome();
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

  // The map page loads Leaflet and markercluster itself (deferred scripts): the map is its
  // content. Without them (a failed download) the list below says the same.
  function prepareMap(container, texts) {
    var canvas = container.closest("[data-map-canvas]") || container;
    if (typeof L === "undefined" || !L.markerClusterGroup) return unavailable(canvas);
    PactMap.loadStylesheets(container).then(
      function () {
        new SignatoryMap(container, texts).start();
      },
      function () {
        unavailable(canvas);
      }
    );
  }

  function init() {
    var main = document.querySelector("[data-signatory-map]");
    if (main) prepareMap(main, PactMap.readTexts());
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
