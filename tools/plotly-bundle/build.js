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

// plotly.js's own dist bundles leave out the attributes' documentation (the text of its plot-schema.json),
// removing it from each source file before bundling (its tasks/compress_attributes.js). This build does
// the same for the same properties: a one-line '...' string, or an array of strings, joined or not.
const ATTRIBUTE_DOCS = [
  /\s*description: '.*',?/g,
  /\s*description: \[[\s\S]*?\]\.join\([\s\S]*?\),?/g,
  /\s*requiredOpts: \[[\s\S]*?\],?/g,
  /\s*otherOpts: \[[\s\S]*?\],?/g,
  /\s*hrName: '.*',?/g,
];
const stripAttributeDocs = {
  name: 'strip-attribute-docs',
  setup(build) {
    const src = path.join(pkg, 'src') + path.sep;
    build.onLoad({ filter: /\.js$/ }, async (args) => {
      if (!args.path.startsWith(src)) return undefined;
      const text = await fs.promises.readFile(args.path, 'utf8');
      return { contents: ATTRIBUTE_DOCS.reduce((t, re) => t.replace(re, ''), text), loader: 'js' };
    });
  },
};

// plotly.js requires culori's CommonJS build, which holds all of culori; exactly that name goes to the
// stand-in (which itself imports culori/css and culori/fn, left to resolve as usual).
const culoriForCss = {
  name: 'culori-css',
  setup(build) {
    build.onResolve({ filter: /^culori$/ }, () => ({ path: path.join(here, 'culori.mjs') }));
  },
};

// The entry and core refer to the package's src/ as "plotly.js/src/...".
const srcAlias = {
  name: 'plotly-src',
  setup(build) {
    build.onResolve({ filter: /^plotly\.js\/(src|build|lib)\// }, (args) => build.resolve('./' + args.path.slice('plotly.js/'.length), { kind: args.kind, resolveDir: pkg }));
  },
};

const HEADER = `//# allFunctionsCalledOnLoad
/**
* plotly.js v${version}, partial bundle for this dashboard: scatter, bar, scattergeo, choropleth.
* Locales: en, fr, es.
* Built from the npm package plotly.js@${version} with esbuild by tools/plotly-bundle/build.js; see README "Performance".
* Left out: the components annotations3d, images, updatemenus, sliders, rangeslider, rangeselector and grid; every map
* projection but "natural earth"; the country-name table of locationmode "country names" (maps locate by ISO-3);
* the maplibre-gl stylesheet; culori's colour spaces and tools that CSS colours do not use; and, as in plotly.js's
* own dist bundles, the attributes' documentation (description, hrName, requiredOpts, otherOpts).
* The default topojsonURL is /assets/ (it was a CDN), so nothing can reach out.
* Copyright 2012-2026, Plotly, Inc. All rights reserved. Licensed under the MIT license (plotly.js.LICENSE).
*/
`;

// Exact replacements in the minified output; each must match exactly once.
const PATCHES = [
  ['dflt:"https://cdn.plot.ly/un/"', 'dflt:"/assets/"'],
];

esbuild.build({
  entryPoints: [path.join(here, 'index.js')],
  write: false, outfile,
  format: 'iife', globalName: 'Plotly', bundle: true, minify: true, sourcemap: false,
  nodePaths: [path.join(pkg, 'node_modules')],
  plugins: [srcAlias, culoriForCss, stripAttributeDocs, InlineCSSPlugin(), environmentPlugin({ NODE_DEBUG: false })],
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
