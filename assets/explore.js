/* Clientside callbacks of /explore (a file, not inline scripts, so the CSP needs no hashes). */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  explore: {
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
