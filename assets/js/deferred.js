/* dashboard_components.Deferred (layouts/deferred.py): a box whose children are mounted only once the
 * page's first graph has been drawn (window.dashboardFirstDraw, assets/js/plotly-async.js), and the
 * frame with it painted; or after LIMIT_MS, whichever comes first.
 *
 * Why: a cold visit to a map page is CPU-bound (README "Performance"). Every component
 * mounted before the map is drawn (dropdowns index their options, the header's country search, the
 * hidden tabs, the controls below the map) delays it; mounted after, they cost the reader nothing they
 * are waiting for. Until then the box is empty and marked aria-busy; its class (CSS) keeps the room the
 * children will take, so nothing moves when they arrive. The children are in Dash's layout throughout:
 * callbacks read and write them as usual. All boxes on a page are released together, and at once on
 * pages opened later in the same visit (the first draw has happened).
 */
(function () {
  "use strict";
  var LIMIT_MS = 4000;  // a graph that never draws (plotly.js stalled) holds nothing back for long
  var released = null;

  function release() {
    if (!released) {
      var drawn = window.dashboardFirstDraw || Promise.resolve();
      var limit = new Promise(function (resolve) { setTimeout(resolve, LIMIT_MS); });
      released = Promise.race([drawn, limit]).then(function () {
        // after the next frame, so the map is on screen before the rest is rendered
        return new Promise(function (resolve) {
          requestAnimationFrame(function () { setTimeout(resolve, 0); });
        });
      });
    }
    return released;
  }

  function Deferred(props) {
    var React = window.React;
    var shown = props.released === true;
    var setProps = props.setProps;
    React.useEffect(function () {
      if (shown) { return undefined; }
      var live = true;
      // Through Dash (setProps), not component state: Dash then renders this box again with its
      // children as they are in its store now. Rendered from component state they would be the
      // ones of this box's first render, deaf to what callbacks have set since (e.g. on page load).
      release().then(function () { if (live && setProps) { setProps({released: true}); } });
      return function () { live = false; };
    }, [shown]);
    return React.createElement("div", {
      id: props.id,
      className: ["deferred", shown ? null : "deferred-pending", props.className].filter(Boolean).join(" "),
      style: props.style,
      "aria-busy": shown ? undefined : "true",
    }, shown ? props.children : null);
  }

  window.dashboard_components = {Deferred: Deferred};
})();
