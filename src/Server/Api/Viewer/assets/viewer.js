// The layer viewer of /layers/{id}/map.html: the layer's WebMercatorQuad tiles on a Leaflet map, controls that set
// TiTiler's render parameters on the tile URLs, the layer's info and the values under a click (/layers/{id}/point).
// It loads nothing but this server's files; the basemap, when configured, is shown only if its first tile loads.
(() => {
  "use strict";
  const { $, option, status, createMap, loadColormaps, addStyleParameters, showLegend, showInfo, keepToBounds, showPointsOnClick } = OgcViewer;
  const config = JSON.parse($("viewer-config").textContent);
  const layerUrl = "../" + encodeURIComponent(config.layer);
  const bandSelects = [$("band-r"), $("band-g"), $("band-b")];
  const { map, tiles, showTiles } = createMap(config.basemap);

  // The style and band parameters: they shape the values, so the point query sends them too.
  function valueParameters() {
    const p = new URLSearchParams();
    if ($("style").value !== "default") p.set("style", $("style").value);
    const expression = $("expression").value.trim();
    const bands = bandSelects.map(s => s.value).filter(v => v !== "");
    if (expression) p.set("expression", expression);
    else if (bands.length) p.set("bidx", bands.join(","));
    return p;
  }

  function tileParameters() {
    return addStyleParameters(valueParameters());
  }

  function update() {
    const query = tileParameters().toString();
    const url = layerUrl + "/tiles/WebMercatorQuad/{z}/{x}/{y}.png" + (query ? "?" + query : "");
    $("tile-url").textContent = new URL(url, location.href).href;
    showLegend("../../colorMaps", $("colormap").value);
    status("");
    showTiles(url);
  }

  function showLayerInfo(info) {
    showInfo({
      CRS: info.crs,
      "Size": `${info.width} × ${info.height} px`,
      "Data type": info.dtype,
      Nodata: info.nodata ?? "none",
      Bands: info.bands.map(b => b.description ? `${b.name} (${b.description})` : b.name).join(", "),
      "Bounds (WGS84)": info.bounds.map(v => v.toFixed(5)).join(", "),
    });
    for (const select of bandSelects) {
      select.append(option("", "—"));
      info.bands.forEach((b, i) => select.append(option(String(i + 1), b.description ? `${b.name} ${b.description}` : b.name)));
    }
    keepToBounds(map, tiles, info.bounds, true);
  }

  for (const name of config.styles) $("style").append(option(name, name));
  $("panel").addEventListener("change", update);
  $("panel").addEventListener("submit", e => { e.preventDefault(); update(); });
  $("panel").addEventListener("reset", () => setTimeout(update));
  showPointsOnClick(map, (lon, lat) => {
    const query = valueParameters().toString();
    return `${layerUrl}/point/${lon},${lat}` + (query ? "?" + query : "");
  });

  loadColormaps("../../colorMaps", $("colormap"));
  fetch(layerUrl).then(r => r.ok ? r.json() : Promise.reject(r.status))
    .then(showLayerInfo)
    .catch(reason => status(`the layer's info cannot be loaded (${reason})`))
    .finally(update);
})();
