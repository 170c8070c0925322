/* The world topology for plotly's geo maps, fetched while the page's scripts load and parsed into
 * plotly.js's topology cache (window.PlotlyGeoAssets), so drawing the first map waits for no request.
 * plotly.js would otherwise ask for it only when it lays the map out, after every script has run and
 * the page has rendered. The server links it (link#geo-topology) only on pages that draw a geo map;
 * if anything fails here, plotly.js fetches it itself as before. */
(function () {
    "use strict";
    var link = document.getElementById("geo-topology");
    if (!link || !window.fetch) return;
    fetch(link.href, {credentials: "same-origin"})  // the same request as the preload, so it is reused
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (topology) {
            if (!topology || !topology.objects) return;
            var assets = window.PlotlyGeoAssets = window.PlotlyGeoAssets || {};
            assets.topojson = assets.topojson || {};
            if (!assets.topojson[link.dataset.name]) assets.topojson[link.dataset.name] = topology;
        })
        .catch(function () { /* plotly.js fetches it when drawing */ });
})();
