using System.Text.Encodings.Web;

namespace OgcTiler.Server.Api.Endpoints;

/// <summary>The small map.html viewer: MapLibre GL (from unpkg) showing the tilejson over an OpenStreetMap basemap.</summary>
internal static class MapPage
{
    public static string Html(string tileJsonUrl)
    {
        var url = JavaScriptEncoder.Default.Encode(tileJsonUrl);
        return $$"""
            <!DOCTYPE html>
            <html>
            <head>
              <meta charset="utf-8">
              <title>OgcTiler viewer</title>
              <link href="https://unpkg.com/maplibre-gl@4/dist/maplibre-gl.css" rel="stylesheet">
              <script src="https://unpkg.com/maplibre-gl@4/dist/maplibre-gl.js"></script>
              <style>html, body, #map { margin: 0; height: 100%; }</style>
            </head>
            <body>
              <div id="map"></div>
              <script>
                const tilejson = "{{url}}";
                const map = new maplibregl.Map({
                  container: "map",
                  style: { version: 8, sources: { osm: { type: "raster", tiles: ["https://tile.openstreetmap.org/{z}/{x}/{y}.png"], tileSize: 256,
                    attribution: "© OpenStreetMap contributors" } }, layers: [{ id: "osm", type: "raster", source: "osm" }] },
                  center: [0, 0], zoom: 1 });
                map.on("load", async () => {
                  const tj = await (await fetch(tilejson)).json();
                  map.addSource("data", { type: "raster", url: tilejson, tileSize: 256 });
                  map.addLayer({ id: "data", type: "raster", source: "data" });
                  map.fitBounds([[tj.bounds[0], tj.bounds[1]], [tj.bounds[2], tj.bounds[3]]], { padding: 20 });
                });
              </script>
            </body>
            </html>
            """;
    }
}
