// plotly.js takes five functions from culori's CommonJS bundle, which holds every colour space and
// utility culori has (64 KB minified). These are the same functions from culori's ES modules, with the
// colour spaces CSS can write a colour in registered (culori/css): every CSS colour still parses, and the
// rest (cubehelix, DIN99, interpolation, blending...) is left out.
import 'culori/css';
export { converter, formatHex, formatRgb, wcagContrast, wcagLuminance } from 'culori/fn';
