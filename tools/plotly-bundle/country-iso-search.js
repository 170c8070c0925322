'use strict';
// The dashboard locates countries by ISO-3 code only (locationmode "ISO-3"). The name-matching table
// behind locationmode "country names" (67 KB, built at load time) is left out: names match nothing.
exports.COUNTRIES = [];
exports.createLookup = function() { return { lookupAlpha3: function() { return undefined; } }; };
