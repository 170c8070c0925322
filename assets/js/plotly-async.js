/* plotly.js loads with `async` (dashboard/app.py puts its tag first, as <script async id="plotly-js">),
 * so the browser compiles it while the other scripts run and Dash renders the page, instead of every
 * script after it waiting for it. Until it has run, window.Plotly is a stand-in that is only a promise
 * of it: dcc.Graph loads plotly with `Promise.resolve(window.Plotly || <fetch its own plotly.js>)`, so a
 * graph that mounts first waits for this bundle (and never fetches dcc's own). The bundle's
 * `var Plotly = ...` then replaces the stand-in with the real object.
 *
 * window.dashboardFirstDraw: a promise settled when the page's first graph has been drawn (the first
 * Plotly.react or Plotly.newPlot call has finished, well or not), or at once when plotly.js cannot
 * load. assets/js/deferred.js mounts the parts of a map page that can wait after it. */
(function () {
    "use strict";
    var settle;
    window.dashboardFirstDraw = new Promise(function (resolve) { settle = resolve; });

    function reportingDraws(P) {
        ["react", "newPlot"].forEach(function (name) {
            var draw = P[name];
            if (typeof draw !== "function" || draw.reportsFirstDraw) return;
            var wrapped = function () {
                var drawing;
                try {
                    drawing = draw.apply(this, arguments);
                } finally {  // a draw that throws has still finished
                    Promise.resolve(drawing).then(settle, settle);
                }
                return drawing;
            };
            wrapped.reportsFirstDraw = true;
            P[name] = wrapped;
        });
        return P;
    }

    if (window.Plotly) {  // already run (e.g. from the cache, before this file)
        reportingDraws(window.Plotly);
        return;
    }
    var tag = document.getElementById("plotly-js");
    if (!tag) { settle(); return; }
    var ready = new Promise(function (resolve, reject) {
        function failed() {
            settle();
            reject(new Error("plotly.js did not load: " + tag.src));
        }
        tag.addEventListener("load", function () { resolve(reportingDraws(window.Plotly)); });
        tag.addEventListener("error", failed);
        // The tag may have failed before this file ran (its error event then went unheard). An async
        // script has loaded or failed by the window's load event: a stand-in still there means failed.
        window.addEventListener("load", function () {
            if (window.Plotly === standIn) { failed(); }
        });
    });
    var standIn = {then: function (onReady, onError) { return ready.then(onReady, onError); }};
    window.Plotly = standIn;
})();
