// OpenLayers against a running OgcTiler's time-enabled layer: optionsFromCapabilities reads the layer's Time
// Dimension (its Default) into the source's dimensions, for both request encodings; the tile URL of a tile carries
// that date, and after source.updateDimensions({Time}) another one.
//
//   node check-wmts-time.mjs <capabilities url> <layer> <TileMatrixSet> <TileMatrix/TileCol/TileRow over the data> <other date>
//
// Prints one JSON summary on stdout: per encoding the dimensions optionsFromCapabilities gave, and the URL and
// SHA-256 of the tile for the default date and for the other date.
import { createHash } from 'node:crypto';
import { JSDOM } from 'jsdom';

const { window } = new JSDOM('');
Object.assign(globalThis, {
  DOMParser: window.DOMParser,
  Node: window.Node,
  XMLSerializer: window.XMLSerializer,
  document: window.document,
});
const { default: WMTSCapabilities } = await import('ol/format/WMTSCapabilities.js');
const { default: WMTS, optionsFromCapabilities } = await import('ol/source/WMTS.js');

const [capabilitiesUrl, layer, matrixSet, tile, otherDate] = process.argv.slice(2);
if (!otherDate) {
  console.error('usage: node check-wmts-time.mjs <capabilities url> <layer> <TileMatrixSet> <TileMatrix/TileCol/TileRow> <other date>');
  process.exit(2);
}
const [matrix, col, row] = tile.split('/');

const response = await fetch(capabilitiesUrl);
if (!response.ok) {
  console.error(`GET ${capabilitiesUrl}: HTTP ${response.status}`);
  process.exit(1);
}
const caps = new WMTSCapabilities().read(await response.text());
const summary = {};
for (const requestEncoding of ['KVP', 'REST']) {
  const options = optionsFromCapabilities(caps, { layer, matrixSet, requestEncoding, format: 'image/png' });
  if (!options) throw new Error(`optionsFromCapabilities found no ${layer} in ${matrixSet}`);
  const dimensions = { ...options.dimensions }; // updateDimensions changes the object the source was given
  const source = new WMTS(options);
  const atDefault = await fetchTile(source, options);
  source.updateDimensions({ Time: otherDate });
  const atOther = await fetchTile(source, options);
  summary[requestEncoding] = { dimensions, default: atDefault, other: atOther };
}
console.log(JSON.stringify(summary, null, 1));

/** The URL of the tile the source asks for, and the SHA-256 of the PNG the server answers. */
async function fetchTile(source, options) {
  // the tile grid's zoom levels are the matrices the layer's limits list, so the matrix is found by its identifier
  const z = source.getTileGrid().getMatrixIds().indexOf(matrix);
  if (z < 0) throw new Error(`the tile grid has no matrix ${matrix}`);
  const url = source.getTileUrlFunction()([z, Number(col), Number(row)], 1, options.projection);
  const answer = await fetch(url);
  const bytes = new Uint8Array(await answer.arrayBuffer());
  if (answer.status !== 200 || answer.headers.get('content-type') !== 'image/png')
    throw new Error(`${url}: HTTP ${answer.status} ${answer.headers.get('content-type')}`);
  return { url, sha256: createHash('sha256').update(bytes).digest('hex') };
}
