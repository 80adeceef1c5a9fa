/*
 * The upcoming events' layer of the map of signatories (MapPage): a checkbox under the map
 * adds a star for each upcoming public event that takes place somewhere, from the API's
 * /events.geojson (loaded once, when first asked for), and takes them away again.
 *
 * It runs after signatory-map.js, which announces its map with a "pact:map-ready" event on
 * the map's element. The checkbox sits in the map's part of the page, shown only when the
 * map runs: without JavaScript there is no layer to show, and the calendar lists the events.
 */
(function () {
  "use strict";

  var PactMap = window.PactMap;

  function eventIcon(label) {
    return L.divIcon({
      className: "map-marker map-marker--event",
      html:
        '<span class="map-symbol map-symbol--event" aria-hidden="true"></span>' +
        '<span class="visually-hidden">' +
        PactMap.escapeHtml(label) +
        "</span>",
      iconSize: [24, 24],
      iconAnchor: [12, 12],
      popupAnchor: [0, -12],
    });
  }

  // The event's date in its own zone (named), as the calendar shows it first.
  function when(properties, language) {
    var options = { timeZone: properties.time_zone, dateStyle: "medium" };
    if (!properties.all_day) options.timeStyle = "short";
    var text;
    try {
      text = new Intl.DateTimeFormat(language, options).format(new Date(properties.start));
    } catch (error) {
      text = properties.start;
    }
    return properties.all_day ? text : text + " (" + properties.time_zone + ")";
  }

  function popupContent(texts, properties) {
    var box = PactMap.element("div", "map-popup");
    var title = PactMap.element("p", "map-popup-title");
    if (properties.url) {
      var link = PactMap.element("a", "map-popup-link", properties.name);
      link.href = properties.url;
      title.appendChild(link);
    } else {
      title.textContent = properties.name;
    }
    box.appendChild(title);
    box.appendChild(PactMap.element("p", "map-popup-meta", when(properties, texts.language)));
    if (properties.address) {
      box.appendChild(PactMap.element("p", "map-popup-meta", properties.address));
    }
    if (properties.attendance === "hybrid") {
      box.appendChild(PactMap.element("p", "map-popup-meta", texts.onlineToo));
    }
    return box;
  }

  function EventLayer(map, toggle, status, texts) {
    this.map = map;
    this.toggle = toggle;
    this.status = status;
    this.texts = texts;
    this.layer = L.layerGroup();
    this.loaded = null;
  }

  EventLayer.prototype.load = function () {
    var self = this;
    if (!this.loaded) {
      var url = this.toggle.dataset.eventsUrl + "?locale=" + encodeURIComponent(this.toggle.dataset.locale || "");
      this.loaded = fetch(url, { headers: { Accept: "application/geo+json" } })
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        })
        .then(function (data) {
          var features = data.features || [];
          features.forEach(function (feature) {
            var properties = feature.properties;
            var coordinates = feature.geometry.coordinates; // GeoJSON: [longitude, latitude]
            var marker = L.marker([coordinates[1], coordinates[0]], {
              icon: eventIcon(properties.name + " (" + when(properties, self.texts.language) + ")"),
              keyboard: true,
              zIndexOffset: 1000, // above the signatories' markers and clusters
            });
            marker.bindPopup(function () {
              return popupContent(self.texts, properties);
            });
            self.layer.addLayer(marker);
          });
          return features.length;
        });
      this.loaded.catch(function () {
        self.loaded = null; // asked again, it tries again
      });
    }
    return this.loaded;
  };

  EventLayer.prototype.update = function () {
    var self = this;
    if (!this.toggle.checked) {
      this.map.removeLayer(this.layer);
      this.status.textContent = "";
      return;
    }
    this.toggle.setAttribute("aria-busy", "true");
    this.load()
      .then(function (count) {
        if (!self.toggle.checked) return;
        self.layer.addTo(self.map);
        self.status.textContent = PactMap.plural(self.texts.events, count, self.texts.language);
      })
      .catch(function () {
        self.status.textContent = self.texts.eventsFailed;
      })
      .then(function () {
        self.toggle.removeAttribute("aria-busy");
        self.toggle.dataset.eventLayerState = self.toggle.checked ? "shown" : "hidden";
      });
  };

  function init() {
    var container = document.querySelector("[data-signatory-map]");
    var toggle = document.querySelector("[data-event-layer]");
    var status = document.querySelector("[data-event-layer-status]");
    if (!container || !toggle || !status) return;
    container.addEventListener("pact:map-ready", function (event) {
      var layer = new EventLayer(event.detail.map, toggle, status, PactMap.readTexts());
      toggle.addEventListener("change", function () {
        layer.update();
      });
      if (toggle.checked) layer.update(); // restored by the browser on Back
    });
  }

  // Before signatory-map.js starts its map: both run when the document is parsed, this
  // file after it, but the map starts only once its stylesheets have loaded.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
