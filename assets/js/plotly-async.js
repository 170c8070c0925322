/* plotly.js loads with `async` (dashboard/app.py puts its tag first, as <script async id="plotly-js">),
 * so the browser compiles it while the other scripts run and Dash renders the page, instead of every
 * script after it waiting for it. Until it has run, window.Plotly is a stand-in that is only a promise
 * of it: dcc.Graph loads plotly with `Promise.resolve(window.Plotly || <fetch its own plotly.js>)`, so a
 * graph that mounts first waits for this bundle (and never fetches dcc's own). The bundle's
 * `var Plotly = ...` then replaces the stand-in with the real object. */
(function () {
    "use strict";
    if (window.Plotly) return;  // already run (e.g. from the cache, before this file)
    var tag = document.getElementById("plotly-js");
    if (!tag) return;
    var ready = new Promise(function (resolve, reject) {
        tag.addEventListener("load", function () { resolve(window.Plotly); });
        tag.addEventListener("error", function () { reject(new Error("plotly.js did not load: " + tag.src)); });
    });
    window.Plotly = {then: function (onReady, onError) { return ready.then(onReady, onError); }};
})();
