/* dash-ag-grid's 1.3 MB bundle, loaded when a grid is first drawn instead of on every first visit.
 *
 * The server leaves the bundle's <script> out of the page and names its (fingerprinted) address in
 * <script type="application/json" id="lazy-scripts"> (dashboard/app.py). Until it has loaded,
 * window.dash_ag_grid.AgGrid is this small stand-in: it starts the download, tells Dash to hold the
 * grid's callbacks until then (_dashprivate_isLazyComponentReady, as Dash's own lazy components do),
 * and then renders the real grid with the same props. The real bundle replaces window.dash_ag_grid
 * when it runs, so later renders use it directly.
 */
(function () {
  "use strict";
  if (window.dash_ag_grid) { return; }  // the bundle is on the page after all
  var loading = null;

  function source() {
    var el = document.getElementById("lazy-scripts");
    try { return el ? JSON.parse(el.textContent).dash_ag_grid : null; } catch (e) { return null; }
  }

  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var src = source();
        if (!src) { reject(new Error("dash_ag_grid: no script address on the page")); return; }
        var s = document.createElement("script");
        s.src = src;
        s.onload = function () {
          var ns = window.dash_ag_grid;
          if (ns && ns.AgGrid && ns.AgGrid !== LazyAgGrid) { resolve(ns); } else { reject(new Error("dash_ag_grid did not load")); }
        };
        s.onerror = function () { loading = null; reject(new Error("dash_ag_grid could not be fetched")); };
        document.head.appendChild(s);
      });
    }
    return loading;
  }

  function LazyAgGrid(props) {
    var React = window.React;
    var state = React.useState(null);
    var Real = state[0], setReal = state[1];
    React.useEffect(function () {
      var live = true;
      load().then(function (ns) { if (live) { setReal(function () { return ns.AgGrid; }); } },
                  function (err) { if (window.console) { console.warn(err.message); } });
      return function () { live = false; };
    }, []);
    if (!Real) {
      return React.createElement("div", {id: props.id, className: "lazy-grid-loading", style: props.style, "aria-busy": "true"});
    }
    return React.createElement(Real, props);
  }
  // Dash waits for this promise before it runs callbacks that involve the grid.
  Object.defineProperty(LazyAgGrid, "_dashprivate_isLazyComponentReady", {get: function () { return load(); }});

  window.dash_ag_grid = {AgGrid: LazyAgGrid};
})();
