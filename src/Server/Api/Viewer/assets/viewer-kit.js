// What the map.html viewers share (viewer.js for /layers, tiler-viewer.js for /cog, /stac and /searches): the
// Leaflet map and its data tile layer, the optional basemap (shown only if its first tile loads), the colormap list
// and legend, the server's reason when a request fails, the info list and the table of the values at a click.
window.OgcViewer = (() => {
  "use strict";
  const $ = id => document.getElementById(id);

  function option(value, label) {
    const o = document.createElement("option");
    o.value = value;
    o.textContent = label;
    return o;
  }

  function status(text) { $("status").textContent = text; }

  // The reason of a failed answer: the problem+json detail (or TiTiler's {"detail": ...}), else its status.
  async function reasonOf(response, what) {
    const body = response.headers.get("content-type")?.includes("json") ? await response.json().catch(() => null) : null;
    return body?.detail ?? body?.title ?? `${what} answers ${response.status}`;
  }

  function addBasemap(map, basemap) {
    if (!basemap) return;
    const probe = new Image();
    probe.onload = () => L.tileLayer(basemap.url, { attribution: basemap.attribution, maxZoom: 19, zIndex: 1 }).addTo(map);
    probe.onerror = () => map.attributionControl.addAttribution("basemap unreachable: off");
    probe.src = L.Util.template(basemap.url, { s: "a", z: 0, x: 0, y: 0, r: "" });
  }

  // Leaflet's bounds option holds one box. A layer across the antimeridian has one on each side (options.sides) and
  // asks for the tiles that meet either, wrapped around the world (Leaflet's tile bounds are within ±180°). In another
  // CRS than Web Mercator a WGS84 box is no box on the map: options.ring, its edges as map points, keeps the layer to
  // the tiles meeting the ring's box at their zoom.
  const DataTiles = L.TileLayer.extend({
    _isValidTile(coords) {
      if (!L.TileLayer.prototype._isValidTile.call(this, coords)) return false;
      const { sides, ring } = this.options;
      if (ring) {
        const size = this.getTileSize();
        const tile = L.bounds(coords.scaleBy(size), coords.add([1, 1]).scaleBy(size));
        return ringBox(this._map, ring, coords.z).overlaps(tile);
      }
      return !sides || sides.some(side => side.overlaps(this._tileCoordsToBounds(coords)));
    },
  });

  // The box of the ring's points in map pixels at zoom z.
  function ringBox(map, ring, z) {
    return L.bounds(ring.map(latlng => map.project(latlng, z)));
  }

  // A WGS84 box [w, s, e, n] (w > e across the antimeridian) as 32 points along each edge.
  function boxRing([w, s, e, n]) {
    const east = w > e ? e + 360 : e;
    const ring = [];
    for (let i = 0; i < 32; i++) {
      const t = i / 32;
      const lon = w + (east - w) * t, lat = s + (n - s) * t;
      ring.push(L.latLng(s, lon), L.latLng(lat, east), L.latLng(n, east - (east - w) * t), L.latLng(n - (n - s) * t, w));
    }
    return ring;
  }

  // The Leaflet CRS of a TileMatrixSet other than WebMercatorQuad (map.html's config.projection): proj4leaflet's
  // L.Proj.CRS of the set's WKT, origin, cell sizes and extent, as TiTiler's map.html builds it.
  function projectedCrs(projection) {
    const [minX, minY, maxX, maxY] = projection.bounds;
    return new L.Proj.CRS("TileMatrixSet", projection.wkt, {
      origin: projection.origin,
      resolutions: projection.resolutions,
      bounds: L.bounds([minX, minY], [maxX, maxY]),
    });
  }

  // The map and its data tile layer, put on the map by the first showTiles(url template). A tile that fails is asked
  // again once per query (one per setting of the controls), to show the server's reason. With a projection (see
  // projectedCrs) the map is in the TileMatrixSet's CRS and has its zoom levels.
  function createMap(basemap, projection) {
    const map = projection
      ? L.map("map", { crs: projectedCrs(projection), minZoom: 0, maxZoom: projection.resolutions.length - 1 }).setView([0, 0], 0)
      : L.map("map").setView([0, 0], 2);
    const tiles = new DataTiles("", { className: "data-tiles", maxZoom: 22, noWrap: true, zIndex: 2 });
    let reported = null;
    tiles.on("tileerror", async e => {
      const query = new URL(e.tile.src).search;
      if (reported === query) return;
      reported = query;
      try {
        status(await reasonOf(await fetch(e.tile.src), "tiles"));
      } catch {
        status("the tiles cannot be loaded");
      }
    });
    addBasemap(map, basemap);
    function showTiles(url) {
      tiles.setUrl(url);
      if (!map.hasLayer(tiles)) tiles.addTo(map);
    }
    return { map, tiles, showTiles };
  }

  // Fills the colormap select from /colorMaps, then selects `selected` (the page's colormap_name) if it is listed.
  async function loadColormaps(listUrl, select, selected) {
    try {
      const list = await (await fetch(listUrl)).json();
      for (const c of list.colormaps) select.append(option(c.id, c.id));
      if (selected) select.value = selected;
    } catch {
      status("the colormap list cannot be loaded");
    }
  }

  // Adds the rescale ranges, colormap and color formula of the controls to the tile parameters p.
  function addStyleParameters(p) {
    for (const range of $("rescale").value.trim().split(/[\s;]+/).filter(r => r)) p.append("rescale", range);
    if ($("colormap").value) p.set("colormap_name", $("colormap").value);
    const formula = $("color-formula").value.trim();
    if (formula) p.set("color_formula", formula);
    return p;
  }

  function showLegend(colormapsUrl, name) {
    $("legend").hidden = !name;
    if (name) $("legend").src = `${colormapsUrl}/${encodeURIComponent(name)}?format=png&width=280&height=12`;
  }

  function showInfo(rows) {
    const list = $("info");
    list.replaceChildren();
    for (const [term, value] of Object.entries(rows)) {
      const dt = document.createElement("dt");
      dt.textContent = term;
      const dd = document.createElement("dd");
      dd.textContent = value;
      list.append(dt, dd);
    }
  }

  // Keeps the tile layer to a WGS84 box [w, s, e, n] and, with fit, shows it beside the panel. A box across the
  // antimeridian (w > e, as rio-tiler and TiTiler give it) is fitted as w - 360..e, so the map stays on the 180° side
  // rather than spanning the world the other way, and its tiles wrap around the world, those of both sides.
  function keepToBounds(map, tiles, [w, s, e, n], fit) {
    const crosses = w > e;
    const box = L.latLngBounds([s, crosses ? w - 360 : w], [n, e]);
    Object.assign(tiles.options, crosses
      ? { bounds: undefined, noWrap: false, sides: [L.latLngBounds([s, w], [n, 180]), L.latLngBounds([s, -180], [n, e])] }
      : { bounds: box, noWrap: true, sides: null });
    if (fit) map.fitBounds(box, { paddingBottomRight: [320, 0] });
  }

  // keepToBounds in a TileMatrixSet's own CRS: the tiles meeting the box's edges (see DataTiles), and with fit the
  // finest zoom at which they fit beside the panel, centred there.
  function keepToProjectedBounds(map, tiles, bounds, fit) {
    const ring = boxRing(bounds);
    Object.assign(tiles.options, { bounds: undefined, noWrap: true, sides: null, ring });
    if (!fit) return;
    const room = map.getSize().subtract([320, 0]);
    for (let z = map.getMaxZoom(); z >= map.getMinZoom(); z--) {
      const box = ringBox(map, ring, z);
      const size = box.getSize();
      if ((size.x <= room.x && size.y <= room.y) || z === map.getMinZoom()) {
        map.setView(map.unproject(box.getCenter().add([160, 0]), z), z);
        return;
      }
    }
  }

  // Asks pointUrl(lon, lat) for the values at a click and shows them as a table of band name (and description) and value.
  function showPointsOnClick(map, pointUrl) {
    const marker = L.circleMarker([0, 0], { radius: 5, color: "#e00" });
    map.on("click", async e => {
      const at = e.latlng.wrap(); // a map shown across 180° has longitudes past it
      const lon = at.lng.toFixed(6), lat = at.lat.toFixed(6);
      const target = $("point");
      target.textContent = "…";
      marker.setLatLng(e.latlng).addTo(map);
      try {
        const response = await fetch(pointUrl(lon, lat));
        if (!response.ok) {
          target.textContent = await reasonOf(response, "point");
          return;
        }
        const body = await response.json();
        const table = document.createElement("table");
        body.band_names.forEach((name, i) => {
          const row = table.insertRow();
          const description = body.band_descriptions?.[i];
          row.insertCell().textContent = description && description !== name ? `${name} (${description})` : name;
          row.insertCell().textContent = body.values[i] === null ? "masked" : String(body.values[i]);
        });
        const where = document.createElement("p");
        where.className = "coordinates";
        where.textContent = `${lon},${lat}`;
        target.replaceChildren(where, table);
      } catch {
        target.textContent = "the point cannot be read";
      }
    });
  }

  return { $, option, status, reasonOf, createMap, loadColormaps, addStyleParameters, showLegend, showInfo, keepToBounds, keepToProjectedBounds, showPointsOnClick };
})();
