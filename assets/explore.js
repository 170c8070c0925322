/* Clientside callbacks of /explore (a file, not inline scripts, so the CSP needs no hashes). */
(function () {
  /* The compact number encoding of dashboard/figures/compact.py (see its docstring): zig-zag
     integers as base64 VLQ digits, "." one missing value, "~" + count a run of missing values.
     Arithmetic, not bit operators: values go beyond 32 bits. */
  var B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  function decodeInts(text) {
    var out = [], pos = 0;
    function number() {
      var u = 0, scale = 1, digit;
      do {
        digit = B64.indexOf(text.charAt(pos++));
        if (digit < 0) { throw new Error("bad compact number at " + (pos - 1)); }
        u += (digit % 32) * scale;
        scale *= 32;
      } while (digit >= 32);
      return (u % 2) ? -(u + 1) / 2 : u / 2;
    }
    while (pos < text.length) {
      var ch = text.charAt(pos);
      if (ch === ".") { out.push(null); pos++; }
      else if (ch === "~") { pos++; for (var n = number(); n > 0; n--) { out.push(null); } }
      else { out.push(number()); }
    }
    return out;
  }

  function decodeNumbers(text, decimals) {
    var scale = Math.pow(10, decimals);
    return decodeInts(text || "").map(function (n) { return (n === null || !decimals) ? n : n / scale; });
  }

  /* A year change: the server sent only values (callbacks/explore.py, maps.map_update); rebuild
     what its Patch used to carry, with the constants the full figure holds in layout.meta. */
  function applyMapValues(update, figure) {
    var dc = window.dash_clientside;
    var meta = figure && figure.layout && figure.layout.meta;
    // Values for another indicator, sex, age, breakdown or language than the map drawn: drop them.
    if (!update || !meta || update.k !== meta.key) { return dc.no_update; }
    var z = decodeNumbers(update.z, meta.decimals);
    var colour = decodeNumbers(update.c, meta.decimals);
    var labels = (update.l || []).map(function (s) { return s[0] + " \u00b7 " + update.t[s[1]]; });  // = maps.hover_label
    var customZ = null, customColour = null, line;
    if (update.i) {
      var custom = decodeInts(update.i).map(function (i) { return i === null ? "" : labels[i]; });
      customZ = custom.slice(0, z.length);
      customColour = custom.slice(z.length);
      line = "%{customdata}";
    } else {
      line = labels.length ? labels[0] : String(update.y);
    }
    var hz = meta.hover[0], hc = meta.hover[1], v = meta.traces[0], m = meta.traces[1], nd = meta.traces[2];
    // small states without a value get no latitude, so their value marker is neither drawn nor hoverable
    var lat = meta.lat.map(function (y, j) { return colour[j] === null ? null : y; });
    // "No data" is drawn under the countries without a value only (= maps.no_data_rows)
    var shapes = figure.data[v].locations, names = figure.data[v].text, missing = [];
    z.forEach(function (value, k) { if (value === null) { missing.push(k); } });
    return new dc.Patch()
      .assign(["data", nd, "locations"], missing.map(function (k) { return shapes[k]; }))
      .assign(["data", nd, "text"], missing.map(function (k) { return names[k]; }))
      .assign(["data", nd, "z"], missing.map(function () { return 0; }))
      .assign(["data", v, "z"], z)
      .assign(["data", v, "customdata"], customZ)
      .assign(["data", v, "hovertemplate"], hz[0] + line + hz[1])
      .assign(["data", m, "marker", "color"], colour)
      .assign(["data", m, "lat"], lat)
      .assign(["data", m, "customdata"], customColour)
      .assign(["data", m, "hovertemplate"], hc[0] + line + hc[1])
      .assign(["layout", "title", "text"], meta.title[0] + update.y + meta.title[1])
      .build();
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    explore: {
      applyMapValues: applyMapValues,
      decodeInts: decodeInts,  // not a callback: exposed for the browser test of the decoder
      /* Play button and timer: step the year slider through the published years. */
      play: function (nClicks, nIntervals, marks, value, disabled, labels) {
        var nu = window.dash_clientside.no_update;
        var ctx = window.dash_clientside.callback_context;
        var trig = ((ctx && ctx.triggered && ctx.triggered[0]) || {}).prop_id || "";
        var years = Object.keys(marks || {}).map(Number).sort(function (a, b) { return a - b; });
        labels = labels || ["Play", "Pause"];
        if (!years.length) { return [nu, true, labels[0], "false"]; }
        if (trig.indexOf("explore-play.") === 0) {
          if (disabled) {
            var start = (value === years[years.length - 1]) ? years[0] : nu;
            return [start, false, labels[1], "true"];
          }
          return [nu, true, labels[0], "false"];
        }
        var i = years.indexOf(Number(value));
        if (i < 0 || i >= years.length - 1) { return [nu, true, labels[0], "false"]; }
        var atEnd = (i + 1) >= years.length - 1;
        return [years[i + 1], atEnd, atEnd ? labels[0] : labels[1], atEnd ? "false" : "true"];
      },
      /* "Copy link": the address bar already holds the whole view. */
      copyLink: function (n) {
        return window.location.href;
      },
      /* A responsive iframe for /embed/explore with the same view. */
      embedCode: function (search, title) {
        var src = window.location.origin + "/embed/explore" + (search || "");
        var t = String(title || "Chart").replace(/"/g, "&quot;");
        return '<div style="position:relative;width:100%;aspect-ratio:4/3;max-width:1000px">' +
          '<iframe src="' + src.replace(/"/g, "%22") + '" title="' + t + '" loading="lazy" ' +
          'style="position:absolute;inset:0;width:100%;height:100%;border:0"></iframe></div>';
      }
    }
  });
})();

/* The year slider from the keyboard. Dash 4.4.1's slider with step=None (marks only) moves its thumb
 * by a fraction on an arrow key (2022 -> 2021.9), a year nothing is published for, so the view never
 * changed. Arrow, Page and Home/End keys on the explorer's year slider step through the published
 * years (the slider's marks) instead. */
(function () {
  "use strict";
  var STEP = {ArrowLeft: -1, ArrowDown: -1, PageDown: -1, ArrowRight: 1, ArrowUp: 1, PageUp: 1, Home: "first", End: "last"};

  function nextYear(years, current, move) {
    if (move === "first") { return years[0]; }
    if (move === "last") { return years[years.length - 1]; }
    var i = years.indexOf(current);
    if (i < 0) {  // off the marks: the nearest published year in the direction of the key
      var ahead = years.filter(function (y) { return move > 0 ? y > current : y < current; });
      return ahead.length ? (move > 0 ? ahead[0] : ahead[ahead.length - 1]) : current;
    }
    return years[Math.min(years.length - 1, Math.max(0, i + move))];
  }

  document.addEventListener("keydown", function (e) {
    var thumb = e.target && e.target.closest ? e.target.closest("#explore-year [role=slider]") : null;
    if (!thumb || !(e.key in STEP)) { return; }
    var api = window.dash_component_api, layout = api && api.getLayout ? api.getLayout("explore-year") : null;
    var props = layout && layout.props;
    if (!props || !props.marks || !window.dash_clientside.set_props) { return; }  // leave it to the slider
    var years = Object.keys(props.marks).map(Number).filter(isFinite).sort(function (a, b) { return a - b; });
    if (!years.length) { return; }
    e.preventDefault();
    e.stopPropagation();
    var current = Number(props.value), next = nextYear(years, current, STEP[e.key]);
    if (next !== current) { window.dash_clientside.set_props("explore-year", {value: next}); }
  }, true);
})();
