namespace OgcTiler.Server.Layers;

/// <summary>/layers/{id}/map.html: a Leaflet page over the layer's WebMercatorQuad tiles, with its styles.</summary>
internal static class LayerViewer
{
    public static IResult Page(string id, LayerRegistry layers)
    {
        var layer = layers.Get(id);
        var styles = string.Join("", LayerStyles.Names(layer).Select(s => $"<option>{System.Net.WebUtility.HtmlEncode(s)}</option>"));
        var html = Template
            .Replace("{{title}}", System.Net.WebUtility.HtmlEncode(layer.Title ?? layer.Id))
            .Replace("{{id}}", Uri.EscapeDataString(layer.Id))
            .Replace("{{styles}}", styles);
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private const string Template = """
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>{{title}} · OgcTiler</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <link rel="stylesheet" href="https://unpkg.com/leaflet@1.9.4/dist/leaflet.css">
        <script src="https://unpkg.com/leaflet@1.9.4/dist/leaflet.js"></script>
        <style>html,body,#map{height:100%;margin:0}#bar{position:absolute;z-index:1000;top:10px;right:10px;background:#fff;padding:6px;font:14px sans-serif}</style>
        </head><body><div id="map"></div>
        <div id="bar">{{title}} · style <select id="style">{{styles}}</select></div>
        <script>
        const map = L.map('map');
        L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', {attribution: '© OpenStreetMap', maxZoom: 19}).addTo(map);
        const tiles = L.tileLayer('', {maxZoom: 22}).addTo(map);
        const style = document.getElementById('style');
        function show() { tiles.setUrl('../{{id}}/tiles/WebMercatorQuad/{z}/{x}/{y}.png?style=' + encodeURIComponent(style.value)); }
        style.onchange = show; show();
        fetch('../{{id}}').then(r => r.json()).then(d => {
          const b = d.bounds; map.fitBounds([[b[1], b[0]], [b[3], b[2]]]);
        }).catch(() => map.setView([0, 0], 2));
        </script></body></html>
        """;
}
