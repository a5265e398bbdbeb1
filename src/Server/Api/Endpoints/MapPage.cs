using System.Text.Json;
using OgcTiler.Server.Configuration;

namespace OgcTiler.Server.Api.Endpoints;

/// <summary>
/// The small map.html viewer of /cog and /stac: the tilejson's tiles on a Leaflet map, with Leaflet served by this
/// server (/viewer/leaflet, as the layer viewer) and the configured basemap only when its first tile loads.
/// </summary>
internal static class MapPage
{
    public static string Html(string pathBase, string tileJsonUrl, ViewerOptions viewer)
    {
        // System.Text.Json escapes <, > and &, so the JSON cannot close its script element.
        var config = JsonSerializer.Serialize(new
        {
            tilejson = tileJsonUrl,
            basemap = viewer.BasemapUrl is { } url ? new { url, attribution = viewer.BasemapAttribution ?? "" } : null,
        });
        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>OgcTiler viewer</title>
              <link rel="stylesheet" href="{{pathBase}}/viewer/leaflet/leaflet.css">
              <script src="{{pathBase}}/viewer/leaflet/leaflet.js"></script>
              <style>html, body, #map { margin: 0; height: 100%; }</style>
            </head>
            <body>
              <div id="map"></div>
              <script>
                const config = {{config}};
                const map = L.map("map").setView([0, 0], 1);
                if (config.basemap) {
                  const probe = new Image();
                  probe.onload = () => L.tileLayer(config.basemap.url, { attribution: config.basemap.attribution, maxZoom: 19 }).addTo(map);
                  probe.src = L.Util.template(config.basemap.url, { s: "a", z: 0, x: 0, y: 0, r: "" });
                }
                fetch(config.tilejson).then(r => r.json()).then(tj => {
                  const [w, s, e, n] = tj.bounds;
                  const bounds = L.latLngBounds([s, w], [n, e]);
                  // Tiles of 512 px (tilesize=512) are drawn one zoom level up, at their size.
                  const size = Number(new URL(tj.tiles[0], location.href).searchParams.get("tilesize")) || 256;
                  L.tileLayer(tj.tiles[0], { className: "data-tiles", tileSize: size, zoomOffset: -Math.log2(size / 256), maxZoom: 22, bounds, noWrap: true, zIndex: 2 })
                    .addTo(map);
                  map.fitBounds(bounds);
                });
              </script>
            </body>
            </html>
            """;
    }
}
