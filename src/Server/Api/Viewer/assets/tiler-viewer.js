// The viewer of /cog, /stac and /searches/{id} {tms}/map.html: the tiles of the tilejson on a Leaflet map, with controls
// for the bands (/cog: bidx) or assets (/stac: assets=name|bidx=...), expression, rescale (typed, or the 2nd-98th
// percentiles of /statistics), colormap (from /colorMaps) and color formula; the source's /info; and the values under a
// click (/point). The page's own query parameters (url, nodata, resampling, ...) go unchanged into every request; the
// ones the controls show are replaced by them. Every request goes to this server; the basemap only when it loads.
(() => {
  "use strict";
  const { $, option, status, reasonOf, createMap, loadColormaps, addStyleParameters, showLegend, showInfo, keepToBounds, keepToProjectedBounds, showPointsOnClick } = OgcViewer;
  const config = JSON.parse($("viewer-config").textContent);
  const stac = config.kind === "stac", search = config.kind === "search";
  const page = new URLSearchParams(location.search);
  const bandSelects = [$("band-r"), $("band-g"), $("band-b")];
  const bandKeys = stac ? ["assets", "asset_bidx", "bidx"] : ["bidx"];
  // The page's parameters that no control shows; the band keys leave it when the band selects can show them.
  const fixed = new URLSearchParams(page);
  for (const key of ["expression", "rescale", "colormap_name", "color_formula"]) fixed.delete(key);
  const bandCounts = new Map(); // stac: asset name -> its number of bands
  let dataType = null;
  // A TileMatrixSet other than WebMercatorQuad comes with its projection: the map is in its CRS, its tiles at its size.
  const projection = config.projection;
  const { map, tiles, showTiles } = createMap(config.basemap, projection);
  let fitted = false, sequence = 0;

  $("title").textContent = search ? config.routes.split("/").filter(p => p).slice(-1)[0] : (page.get("url") ?? "").split("/").pop() || "OgcTiler viewer";
  $("expression").value = page.get("expression") ?? "";
  $("rescale").value = page.getAll("rescale").join(" ");
  $("color-formula").value = page.get("color_formula") ?? "";

  function route(path, parameters) {
    const query = parameters.toString();
    return `${config.routes}/${path}` + (query ? "?" + query : "");
  }

  // assets= values for the picked "asset|band" pairs, neighbours of one asset joined: B04, visual|bidx=1,2,3.
  function assetValues(picks) {
    const groups = [];
    for (const pick of picks) {
      const [asset, band] = pick.split("|");
      const last = groups.at(-1);
      if (last?.asset === asset) last.bands.push(band);
      else groups.push({ asset, bands: [band] });
    }
    return groups.map(g => bandCounts.get(g.asset) === 1 && g.bands.length === 1 ? g.asset : `${g.asset}|bidx=${g.bands.join(",")}`);
  }

  // The parameters that decide the values (also of /point and /statistics): the page's, then bands or assets and expression.
  function valueParameters() {
    const p = new URLSearchParams(fixed);
    const picks = bandSelects.map(s => s.value).filter(v => v);
    const expression = $("expression").value.trim();
    if (picks.length || (expression && !stac)) for (const key of bandKeys) p.delete(key);
    if (stac) for (const value of assetValues(picks)) p.append("assets", value);
    else if (picks.length && !expression) p.set("bidx", picks.join(","));
    if (expression) p.set("expression", expression);
    return p;
  }

  function tileParameters() {
    const p = addStyleParameters(valueParameters());
    if (projection) p.set("tilesize", String(projection.tileSize)); // the map's zoom levels are the set's matrices
    else if (!p.has("tilesize")) p.set("tilesize", "256"); // TiTiler's map.html: 256 px tiles
    return p;
  }

  // Asks the tilejson for the controls' parameters and shows its tiles; a stale answer (the controls moved on) is dropped.
  async function update() {
    const mine = ++sequence;
    status("");
    showLegend(config.colorMaps, $("colormap").value);
    try {
      const response = await fetch(route(`${config.tileMatrixSet}/tilejson.json`, tileParameters()));
      const tilejson = response.ok ? await response.json() : null;
      if (mine !== sequence) return;
      if (!tilejson) {
        status(await reasonOf(response, "tilejson"));
        return;
      }
      showTileJson(tilejson);
    } catch {
      if (mine === sequence) status("the tilejson cannot be loaded");
    }
  }

  function showTileJson(tilejson) {
    const template = tilejson.tiles[0];
    // Tiles of 512 px (tilesize=512) are drawn one zoom level up, at their size.
    const size = Number(new URL(template, location.href).searchParams.get("tilesize")) || 256;
    Object.assign(tiles.options, projection ? { tileSize: size, zoomOffset: 0 } : { tileSize: size, zoomOffset: -Math.log2(size / 256) });
    (projection ? keepToProjectedBounds : keepToBounds)(map, tiles, tilejson.bounds, !fitted);
    fitted = true;
    $("tile-url").textContent = template;
    showTiles(template);
  }

  function fillBandSelects(choices) {
    for (const select of bandSelects) {
      select.append(option("", "—"));
      for (const [value, label] of choices) select.append(option(value, label));
    }
  }

  // Shows up to three picks in the band selects; false (selects left empty, page parameters kept) when they cannot.
  function pick(picks) {
    const offered = new Set([...bandSelects[0].options].map(o => o.value));
    if (!picks || picks.length === 0 || picks.length > 3 || !picks.every(p => offered.has(p))) return false;
    picks.forEach((p, i) => { bandSelects[i].value = p; });
    for (const key of bandKeys) fixed.delete(key);
    return true;
  }

  async function loadCogInfo() {
    const response = await fetch(route("info", fixed));
    if (!response.ok) throw new Error(await reasonOf(response, "info"));
    const info = await response.json();
    dataType = info.dtype;
    showInfo({
      CRS: info.crs,
      Size: `${info.width} × ${info.height} px`,
      "Data type": info.dtype,
      Nodata: info.nodata_value ?? info.nodata_type,
      Bands: info.band_descriptions.map(([name, description]) => description === name ? name : `${name} (${description})`).join(", "),
      [`Bounds (${info.crs})`]: info.bounds.join(", "),
      ...(info.overviews ? { Overviews: info.overviews.join(", ") || "none" } : {}),
    });
    fillBandSelects(info.band_descriptions.map(([name, description], i) => [String(i + 1), description === name ? name : `${name} ${description}`]));
    const bidx = page.getAll("bidx").flatMap(v => v.split(",")).filter(v => v);
    // As TiTiler's viewer: the first three bands, or the first alone, unless the page chose.
    pick(bidx) || page.has("bidx") || page.has("expression") || pick(info.count >= 3 ? ["1", "2", "3"] : ["1"]);
  }

  async function loadStacInfo() {
    const query = new URLSearchParams(fixed);
    for (const key of [...bandKeys, "expression"]) query.delete(key);
    query.set("assets", ":all:");
    const response = await fetch(route("info", query));
    if (!response.ok) throw new Error(await reasonOf(response, "info"));
    const assets = Object.entries(await response.json());
    const rows = {};
    const choices = [];
    for (const [name, info] of assets) {
      bandCounts.set(name, info.count);
      rows[name] = `${info.width} × ${info.height} px, ${info.count} × ${info.dtype}, nodata ${info.nodata_value ?? info.nodata_type}, ${info.crs}`;
      for (let b = 1; b <= info.count; b++) choices.push([`${name}|${b}`, info.count === 1 ? name : `${name} b${b}`]);
    }
    showInfo(rows);
    fillBandSelects(choices);
    const picked = pick(pageAssetPicks()) || (!page.has("assets") && !page.has("expression") && assets.length > 0
      && pick([...Array(Math.min(3, assets[0][1].count)).keys()].map(b => `${assets[0][0]}|${b + 1}`)));
    const first = (picked ? bandSelects[0].value.split("|")[0] : null) ?? assets[0]?.[0];
    dataType = assets.find(([name]) => name === first)?.[1].dtype ?? null;
  }

  // The "asset|band" pairs of the page's assets= (1.x names with asset_bidx or bidx, or 2.x name|bidx=...); null when
  // they use what the selects cannot show (expressions, band names, :all:).
  function pageAssetPicks() {
    const perAsset = new Map(page.getAll("asset_bidx").map(v => [v.split("|")[0], v.split("|")[1]]));
    const picks = [];
    for (const value of page.getAll("assets")) {
      const [name, ...options] = value.split("|");
      if (!bandCounts.has(name)) return null;
      let bands = perAsset.get(name) ?? page.get("bidx");
      for (const o of options) {
        const [key, text] = o.split("=");
        if (key !== "bidx" && key !== "indexes") return null;
        bands = text;
      }
      const indexes = bands ? bands.split(/[,;]/) : [...Array(bandCounts.get(name)).keys()].map(b => String(b + 1));
      picks.push(...indexes.map(b => `${name}|${b}`));
    }
    return picks;
  }

  // rescale: the 2nd and 98th percentiles of each band of /statistics, for the current bands or assets and expression.
  async function rescaleToStatistics() {
    const query = valueParameters();
    query.set("max_size", "256");
    const response = await fetch(route("statistics", query));
    if (!response.ok) throw new Error(await reasonOf(response, "statistics"));
    const bands = [];
    const collect = value => "percentile_98" in value ? bands.push(value) : Object.values(value).forEach(collect); // per asset or flat
    collect(await response.json());
    $("rescale").value = bands.map(b => `${Math.floor(b.percentile_2)},${Math.ceil(b.percentile_98)}`).join(" ");
  }

  async function start() {
    if (search) {
      $("bands").hidden = $("rescale-statistics").hidden = true;
      $("info").closest("details").hidden = true;
    }
    const colormaps = loadColormaps(config.colorMaps, $("colormap"), page.get("colormap_name"));
    try {
      if (!search) await (stac ? loadStacInfo() : loadCogInfo());
      if (!search && !page.has("rescale") && dataType && !["uint8", "int8"].includes(dataType)) await rescaleToStatistics();
    } catch (error) {
      status(error.message);
    }
    await colormaps;
    update();
  }

  $("panel").addEventListener("change", update);
  $("panel").addEventListener("submit", e => { e.preventDefault(); update(); });
  $("rescale-statistics").addEventListener("click", () => rescaleToStatistics().then(update, error => status(error.message)));
  showPointsOnClick(map, (lon, lat) => route(`point/${lon},${lat}`, valueParameters()));
  start();
})();
