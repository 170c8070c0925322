'use strict';
// Entry of the dashboard's partial plotly.js bundle (README, "Performance"): the trimmed core, the
// trace types the dashboard draws, and the locales of its languages other than English.
var Plotly = require('./core');

Plotly.register([
    require('plotly.js/src/traces/bar'),
    require('plotly.js/src/traces/scattergeo'),
    require('plotly.js/src/traces/choropleth'),
    require('plotly.js/lib/locales/fr'),
    require('plotly.js/lib/locales/es'),
]);

module.exports = Plotly;
