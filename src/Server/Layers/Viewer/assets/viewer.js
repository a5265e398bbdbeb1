// The layer viewer of /layers/{id}/map.html: the layer's WebMercatorQuad tiles on a Leaflet map, controls that set
// TiTiler's render parameters on the tile URLs, the layer's info and the values under a click (/layers/{id}/point).
// It loads nothing but this server's files; the basemap, when configured, is shown only if its first tile loads.
(() => {
  "use strict";
  const config = JSON.parse(document.getElementById("viewer-config").textContent);
  const layerUrl = "../" + encodeURIComponent(config.layer);
  const $ = id => document.getElementById(id);
  const bandSelects = [$("band-r"), $("band-g"), $("band-b")];

  const map = L.map("map").setView([0, 0], 2);
  const tiles = L.tileLayer("", { className: "data-tiles", maxZoom: 22, noWrap: true, zIndex: 2 }).addTo(map);
  let currentUrl = null, reportedUrl = null;

  function status(text) { $("status").textContent = text; }

  function option(value, label) {
    const o = document.createElement("option");
    o.value = value;
    o.textContent = label;
    return o;
  }

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
    const p = valueParameters();
    for (const range of $("rescale").value.trim().split(/[\s;]+/).filter(r => r)) p.append("rescale", range);
    if ($("colormap").value) p.set("colormap_name", $("colormap").value);
    const formula = $("color-formula").value.trim();
    if (formula) p.set("color_formula", formula);
    return p;
  }

  function update() {
    const query = tileParameters().toString();
    const url = layerUrl + "/tiles/WebMercatorQuad/{z}/{x}/{y}.png" + (query ? "?" + query : "");
    $("tile-url").textContent = new URL(url, location.href).href;
    const name = $("colormap").value;
    $("legend").hidden = !name;
    if (name) $("legend").src = "../../colorMaps/" + encodeURIComponent(name) + "?format=png&width=280&height=12";
    status("");
    currentUrl = url;
    tiles.setUrl(url);
  }

  // A tile that fails is asked again once per setting, to show the server's reason (problem+json detail).
  tiles.on("tileerror", async e => {
    if (reportedUrl === currentUrl) return;
    reportedUrl = currentUrl;
    try {
      const response = await fetch(e.tile.src);
      const problem = response.headers.get("content-type")?.includes("json") ? await response.json() : null;
      status(problem?.detail ?? problem?.title ?? `tiles answer ${response.status}`);
    } catch {
      status("the tiles cannot be loaded");
    }
  });

  function showInfo(info) {
    const rows = {
      CRS: info.crs,
      "Size": `${info.width} × ${info.height} px`,
      "Data type": info.dtype,
      Nodata: info.nodata ?? "none",
      Bands: info.bands.map(b => b.description ? `${b.name} (${b.description})` : b.name).join(", "),
      "Bounds (WGS84)": info.bounds.map(v => v.toFixed(5)).join(", "),
    };
    const list = $("info");
    list.replaceChildren();
    for (const [term, value] of Object.entries(rows)) {
      const dt = document.createElement("dt");
      dt.textContent = term;
      const dd = document.createElement("dd");
      dd.textContent = value;
      list.append(dt, dd);
    }
    for (const select of bandSelects) {
      select.append(option("", "—"));
      info.bands.forEach((b, i) => select.append(option(String(i + 1), b.description ? `${b.name} ${b.description}` : b.name)));
    }
    const [w, s, e, n] = info.bounds;
    tiles.options.bounds = L.latLngBounds([s, w], [n, e]);
    map.fitBounds(tiles.options.bounds, { paddingBottomRight: [320, 0] }); // beside the panel
  }

  const marker = L.circleMarker([0, 0], { radius: 5, color: "#e00" });

  async function showPoint(latlng) {
    const lon = latlng.lng.toFixed(6), lat = latlng.lat.toFixed(6);
    const query = valueParameters().toString();
    const target = $("point");
    target.textContent = "…";
    marker.setLatLng(latlng).addTo(map);
    try {
      const response = await fetch(`${layerUrl}/point/${lon},${lat}` + (query ? "?" + query : ""));
      const body = await response.json();
      if (!response.ok) {
        target.textContent = body.detail ?? body.title ?? `point answers ${response.status}`;
        return;
      }
      const table = document.createElement("table");
      body.band_names.forEach((name, i) => {
        const row = table.insertRow();
        row.insertCell().textContent = name;
        row.insertCell().textContent = body.values[i] === null ? "masked" : String(body.values[i]);
      });
      const where = document.createElement("p");
      where.className = "coordinates";
      where.textContent = `${lon},${lat}`;
      target.replaceChildren(where, table);
    } catch {
      target.textContent = "the point cannot be read";
    }
  }

  function addBasemap() {
    if (!config.basemap) return;
    const probe = new Image();
    probe.onload = () => L.tileLayer(config.basemap.url, { attribution: config.basemap.attribution, maxZoom: 19, zIndex: 1 }).addTo(map);
    probe.onerror = () => map.attributionControl.addAttribution("basemap unreachable: off");
    probe.src = L.Util.template(config.basemap.url, { s: "a", z: 0, x: 0, y: 0, r: "" });
  }

  for (const name of config.styles) $("style").append(option(name, name));
  $("panel").addEventListener("change", update);
  $("panel").addEventListener("submit", e => { e.preventDefault(); update(); });
  $("panel").addEventListener("reset", () => setTimeout(update));
  map.on("click", e => showPoint(e.latlng));

  fetch("../../colorMaps").then(r => r.json())
    .then(list => list.colormaps.forEach(c => $("colormap").append(option(c.id, c.id))))
    .catch(() => status("the colormap list cannot be loaded"));
  fetch(layerUrl).then(r => r.ok ? r.json() : Promise.reject(r.status))
    .then(showInfo)
    .catch(reason => status(`the layer's info cannot be loaded (${reason})`))
    .finally(update);
  addBasemap();
})();
