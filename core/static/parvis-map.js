// Maps: progressive enhancement of a list that stays the text alternative. Every element with
// data-pins (a JSON URL answering {"pins": [{lat, lon, title, url}]}) becomes a Leaflet map whose
// pins are grouped by Leaflet.markercluster, so thousands stay readable. data-shapes (a GeoJSON
// FeatureCollection URL: district or council outlines) draws areas under the pins, each named in
// a tooltip. Maps inside content swapped by htmx are built after each swap.
(function () {
  "use strict";

  function popup(pin) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = pin.url;
    link.textContent = pin.title;
    box.appendChild(link);
    return box;
  }

  function build(element) {
    if (element.getAttribute("data-ready") || typeof L === "undefined") { return; }
    element.setAttribute("data-ready", "1");
    var center = [parseFloat(element.dataset.lat), parseFloat(element.dataset.lon)];
    var load = function (url, empty) {
      if (!url) { return Promise.resolve(empty); }
      return fetch(url, { headers: { "accept": "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.json(); });
    };
    Promise.all([load(element.dataset.pins, { pins: [] }), load(element.dataset.shapes, null)])
      .then(function (loaded) {
        var data = loaded[0], shapes = loaded[1];
        element.textContent = "";
        var map = L.map(element, { scrollWheelZoom: false, maxZoom: 19, zoomControl: false })
          .setView(center, parseInt(element.dataset.zoom, 10) || 12);
        // The zoom buttons' names in the page's language (Leaflet's are English).
        L.control.zoom({
          zoomInTitle: element.dataset.zoomIn || "+", zoomOutTitle: element.dataset.zoomOut || "-"
        }).addTo(map);
        element.setAttribute("role", "region");
        element.setAttribute("aria-label", element.dataset.label || "");
        if (element.dataset.tiles) {
          L.tileLayer(element.dataset.tiles, { maxZoom: 19, attribution: element.dataset.attribution || "" }).addTo(map);
        }
        var area = null;
        if (shapes && shapes.features && shapes.features.length) {
          area = L.geoJSON(shapes, {
            style: { color: "#000091", weight: 2, fillColor: "#000091", fillOpacity: 0.12 },
            onEachFeature: function (feature, layer) {
              if (feature.properties && feature.properties.name) { layer.bindTooltip(feature.properties.name); }
            }
          }).addTo(map);
          // Where the shapes come from (the demo's are approximate): text, never markup.
          var source = element.dataset.shapesAttribution;
          if (source && map.attributionControl) {
            var box = document.createElement("span");
            box.textContent = source;
            map.attributionControl.addAttribution(box.innerHTML);
          }
        }
        var cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 50 });
        var bounds = [];
        data.pins.forEach(function (pin) {
          var marker = L.circleMarker([pin.lat, pin.lon], {
            radius: 8, weight: 2, color: "#ffffff", fillColor: "#000091", fillOpacity: 0.9
          });
          marker.bindPopup(popup(pin));
          cluster.addLayer(marker);
          bounds.push([pin.lat, pin.lon]);
        });
        map.addLayer(cluster);
        if (area) { map.fitBounds(area.getBounds(), { padding: [10, 10], maxZoom: 16 }); }
        else if (bounds.length > 1) { map.fitBounds(bounds, { padding: [20, 20], maxZoom: 15 }); }
        else if (bounds.length === 1) { map.setView(bounds[0], 15); }
      })
      .catch(function () { element.removeAttribute("data-ready"); });
  }

  function init() { document.querySelectorAll("[data-map]").forEach(build); }
  document.addEventListener("DOMContentLoaded", init);
  document.addEventListener("htmx:afterSettle", init);
})();
