'use strict';
// The dashboard's maps use one projection, "natural earth", which plotly.js looks up as
// d3-geo-projection's geoNaturalEarth: an alias of d3-geo's geoNaturalEarth1. The other ~70
// projections of d3-geo-projection are left out of the bundle.
var d3Geo = require('d3-geo');
exports.geoNaturalEarth = d3Geo.geoNaturalEarth1;
