// Builds assets/vendor/plotly-partial.min.js: plotly.js with only what the dashboard draws.
// Usage (see README "Performance"): node build.js <unpacked plotly.js package dir> <output file>
'use strict';
const fs = require('fs');
const path = require('path');

const [pkg, outfile] = process.argv.slice(2).map((p) => path.resolve(p));
if (!pkg || !outfile) { console.error('usage: node build.js <plotly.js package dir> <output file>'); process.exit(2); }
const need = (name) => require(path.join(pkg, 'node_modules', name));
const esbuild = need('esbuild');
const { environmentPlugin } = need('esbuild-plugin-environment');
const InlineCSSPlugin = need('esbuild-plugin-inline-css');
const version = require(path.join(pkg, 'package.json')).version;
const here = __dirname;

// The entry and core refer to the package's src/ as "plotly.js/src/...".
const srcAlias = {
  name: 'plotly-src',
  setup(build) {
    build.onResolve({ filter: /^plotly\.js\/(src|build|lib)\// }, (args) => build.resolve('./' + args.path.slice('plotly.js/'.length), { kind: args.kind, resolveDir: pkg }));
  },
};

const HEADER = `//# allFunctionsCalledOnLoad
/**
* plotly.js v${version}, partial bundle for this dashboard: scatter, bar, heatmap, scattergeo, choropleth.
* Locales: en, fr, es.
* Built from the npm package plotly.js@${version} with esbuild by tools/plotly-bundle/build.js; see README "Performance".
* Left out: the components annotations3d, images, updatemenus, sliders, rangeslider and rangeselector; every map
* projection but "natural earth"; the country-name table of locationmode "country names" (maps locate by ISO-3);
* the maplibre-gl stylesheet. The default topojsonURL is /assets/ (it was a CDN), so nothing can reach out.
* Copyright 2012-2026, Plotly, Inc. All rights reserved. Licensed under the MIT license (plotly.js.LICENSE).
*/
`;

// Exact replacements in the minified output; each must match exactly once.
const PATCHES = [
  ['dflt:"https://cdn.plot.ly/un/"', 'dflt:"/assets/"'],
  ['"By default, the topojson files are fetched from cdn.plot.ly."', '"By default (in this build), the topojson files are fetched from /assets/."'],
];

esbuild.build({
  entryPoints: [path.join(here, 'index.js')],
  write: false, outfile,
  format: 'iife', globalName: 'Plotly', bundle: true, minify: true, sourcemap: false,
  nodePaths: [path.join(pkg, 'node_modules')],
  plugins: [srcAlias, InlineCSSPlugin(), environmentPlugin({ NODE_DEBUG: false })],
  alias: {
    regl: '@plotly/regl', stream: 'stream-browserify',
    'd3-geo-projection': path.join(here, 'd3-geo-projection.js'),
    'country-iso-search': path.join(here, 'country-iso-search.js'),
    'maplibre-gl/dist/maplibre-gl.css': path.join(here, 'empty.css'),
  },
  define: { global: 'window', 'define.amd': 'false' },
  target: 'es2016', logLevel: 'warning',
}).then((result) => {
  let text = result.outputFiles[0].text;
  for (const [from, to] of PATCHES) {
    const n = text.split(from).length - 1;
    if (n !== 1) throw new Error(`expected one ${from} in the bundle, found ${n}`);
    text = text.replace(from, to);
  }
  fs.writeFileSync(outfile, HEADER + text);
  console.log(`${outfile}: ${(HEADER + text).length} bytes`);
}).catch((e) => { console.error(e.message || e); process.exit(1); });
