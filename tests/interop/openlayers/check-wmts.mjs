// OpenLayers against a running OgcTiler: for every layer × TileMatrixSet of the WMTS capabilities and for both
// request encodings, optionsFromCapabilities + new WMTS(...) as an OpenLayers app does, then the tile URLs of the
// source's tileUrlFunction for tiles inside the advertised TileMatrixSetLimits must return images.
//
//   node check-wmts.mjs <capabilities url> [comma-separated CRS URNs whose axis order is northing first]
//
// OpenLayers knows EPSG:4326, EPSG:3857 and CRS84; an app registers other CRSs itself (usually through proj4), and
// the second argument gives the axis order such a registration would declare.
// Prints one JSON summary on stdout; exits 1 when any check failed.
import { JSDOM } from 'jsdom';

// ol's XML reader needs a namespace-aware browser DOM: take DOMParser, Node and document from jsdom.
const { window } = new JSDOM('');
Object.assign(globalThis, {
  DOMParser: window.DOMParser,
  Node: window.Node,
  XMLSerializer: window.XMLSerializer,
  document: window.document,
});
const { default: WMTSCapabilities } = await import('ol/format/WMTSCapabilities.js');
const { default: WMTS, optionsFromCapabilities } = await import('ol/source/WMTS.js');
const { default: Projection } = await import('ol/proj/Projection.js');
const { addProjection, get: getProjection } = await import('ol/proj.js');
const { intersects } = await import('ol/extent.js');

const IMAGE_MAGIC = {
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/webp': [0x52, 0x49, 0x46, 0x46], // RIFF; "WEBP" at offset 8 is checked too
};

const capabilitiesUrl = process.argv[2];
const northingFirst = new Set((process.argv[3] ?? '').split(',').filter((c) => c));
if (!capabilitiesUrl) {
  console.error('usage: node check-wmts.mjs <capabilities url> [northing-first CRS URNs]');
  process.exit(2);
}

const response = await fetch(capabilitiesUrl);
if (!response.ok) {
  console.error(`GET ${capabilitiesUrl}: HTTP ${response.status}`);
  process.exit(1);
}
const caps = new WMTSCapabilities().read(await response.text());
const layers = caps?.Contents?.Layer ?? [];
const failures = [];
const checked = [];
let tiles = 0;

registerUnknownProjections(caps);
for (const layer of layers) {
  for (const link of layer.TileMatrixSetLink) {
    for (const requestEncoding of ['KVP', 'REST']) {
      const where = `${layer.Identifier}/${link.TileMatrixSet}/${requestEncoding}`;
      try {
        tiles += await checkSource(layer, link, requestEncoding, where);
        checked.push(where);
      } catch (e) {
        failures.push(`${where}: ${e.message}`);
      }
    }
  }
}

const pairs = layers.reduce((n, l) => n + l.TileMatrixSetLink.length, 0);
console.log(JSON.stringify({ layers: layers.length, layerSetPairs: pairs, sourcesChecked: checked.length, tilesFetched: tiles, failures }, null, 1));
process.exit(failures.length === 0 && checked.length === 2 * pairs && pairs > 0 ? 0 : 1);

/** Builds the WMTS source for one layer, set and encoding, and fetches a few tiles per matrix. Returns the tile count. */
async function checkSource(layer, link, requestEncoding, where) {
  const options = optionsFromCapabilities(caps, { layer: layer.Identifier, matrixSet: link.TileMatrixSet, requestEncoding });
  if (!options) throw new Error('optionsFromCapabilities returned null');
  if (options.requestEncoding !== requestEncoding) throw new Error(`asked for ${requestEncoding}, got ${options.requestEncoding}`);
  const source = new WMTS(options);
  const grid = source.getTileGrid();
  const urlOf = source.getTileUrlFunction();
  const limits = new Map((link.TileMatrixSetLimits ?? []).map((l) => [l.TileMatrix, l]));
  const matrixIds = grid.getMatrixIds();
  if (matrixIds.length !== limits.size) throw new Error(`tile grid has ${matrixIds.length} matrices, the limits list ${limits.size}`);
  const layerExtent = extentOf(layer, options.projection);
  const coords = [];
  matrixIds.forEach((id, z) => {
    const l = limits.get(id);
    if (!l) throw new Error(`matrix ${id} of the tile grid has no TileMatrixLimits`);
    const centre = [z, (l.MinTileCol + l.MaxTileCol) >> 1, (l.MinTileRow + l.MaxTileRow) >> 1];
    const picks = z === 0 || z === matrixIds.length - 1 || z === matrixIds.length >> 1
      ? [centre, [z, l.MinTileCol, l.MinTileRow], [z, l.MaxTileCol, l.MaxTileRow]]
      : [centre];
    for (const coord of picks) {
      const range = grid.getFullTileRange(z);
      if (range && !range.containsXY(coord[1], coord[2])) throw new Error(`tile ${coord} is outside the grid's range of matrix ${id}`);
      if (layerExtent && !intersects(grid.getTileCoordExtent(coord), layerExtent))
        throw new Error(`tile ${coord} (matrix ${id}, extent ${grid.getTileCoordExtent(coord)}) does not meet the layer's bounding box ${layerExtent}`);
      coords.push(coord);
    }
  });
  const unique = [...new Map(coords.map((c) => [c.join('/'), c])).values()];
  await inBatches(unique, 4, async (coord) => {
    const url = urlOf(coord, 1, options.projection);
    if (!url) throw new Error(`no URL for tile ${coord}`);
    await expectImage(url, formatAsked(url, layer), matrixIds[coord[0]], coord, where);
  });
  return unique.length;
}

/**
 * The format a tile URL asks for: KVP names it; a REST URL is one of the layer's tile templates. With REST,
 * optionsFromCapabilities treats every tile ResourceURL as a mirror (openlayers#12901), so a source mixes the formats.
 */
function formatAsked(url, layer) {
  const kvp = new URL(url).searchParams.get('Format');
  if (kvp) return kvp;
  const extension = new URL(url).pathname.split('.').pop();
  return layer.ResourceURL.find((r) => r.resourceType === 'tile' && r.template.endsWith(`.${extension}`))?.format;
}

/** The layer's BoundingBox in the set's CRS as an ol extent (east, north), or null when the layer gives none. */
function extentOf(layer, projection) {
  const box = (layer.BoundingBox ?? []).find((b) => getProjection(b.crs) && getProjection(b.crs).getCode() === projection.getCode());
  if (!box) return null;
  const e = box.extent;
  return projection.getAxisOrientation().startsWith('ne') ? [e[1], e[0], e[3], e[2]] : e;
}

async function expectImage(url, format, matrixId, coord, where) {
  const tile = await fetch(url);
  const bytes = new Uint8Array(await tile.arrayBuffer());
  const type = (tile.headers.get('content-type') ?? '').split(';')[0];
  const magic = IMAGE_MAGIC[type];
  const problem =
    tile.status !== 200 ? `HTTP ${tile.status}` :
    type !== format ? `content type ${type}, expected ${format}` :
    !magic || !magic.every((b, i) => bytes[i] === b) ? 'bytes are not a picture of that type' :
    type === 'image/webp' && String.fromCharCode(...bytes.slice(8, 12)) !== 'WEBP' ? 'RIFF without WEBP' :
    !urlNames(url, matrixId, coord) ? 'URL does not name the matrix, row and column of the tile' : null;
  if (problem) failures.push(`${where} ${url}: ${problem}`);
}

/** The URL carries TileMatrix, TileRow and TileCol of the tile (KVP parameters or REST path segments). */
function urlNames(url, matrixId, [, col, row]) {
  const u = new URL(url);
  if (u.searchParams.has('TileMatrix'))
    return u.searchParams.get('TileMatrix') === matrixId && u.searchParams.get('TileRow') === String(row) && u.searchParams.get('TileCol') === String(col);
  return u.pathname.endsWith(`/${encodeURIComponent(matrixId)}/${row}/${col}.${u.pathname.split('.').pop()}`);
}

/** CRSs ol does not know, registered as an app would: tile URLs need only the units (metres) and the axis order. */
function registerUnknownProjections(capabilities) {
  for (const set of capabilities?.Contents?.TileMatrixSet ?? []) {
    if (!getProjection(set.SupportedCRS)) {
      const axisOrientation = northingFirst.has(set.SupportedCRS) ? 'neu' : 'enu';
      addProjection(new Projection({ code: set.SupportedCRS, units: 'm', axisOrientation }));
    }
  }
}

async function inBatches(items, size, work) {
  for (let i = 0; i < items.length; i += size) {
    const results = await Promise.allSettled(items.slice(i, i + size).map(work));
    for (const r of results) if (r.status === 'rejected') throw r.reason;
  }
}
