namespace OgcTiler.Server.Ogc.Wmts;

public static class WmtsEndpoints
{
    /// <summary>
    /// KVP at <c>/wmts</c>; RESTful capabilities at <c>/wmts/1.0.0/WMTSCapabilities.xml</c>, tiles at
    /// <c>/wmts/1.0.0/{Layer}/{Style}/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}.{ext}</c> and feature info one
    /// level deeper at <c>.../{TileCol}/{J}/{I}.{ext}</c>; a time-enabled layer has <c>{Time}</c> after <c>{Style}</c> in both.
    /// </summary>
    public static IEndpointRouteBuilder MapWmtsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/wmts", (HttpContext http, WmtsService wmts) => wmts.HandleKvpAsync(http));
        app.MapGet("/wmts/1.0.0/WMTSCapabilities.xml", (HttpContext http, WmtsService wmts) => wmts.HandleCapabilitiesAsync(http));
        app.MapGet("/wmts/1.0.0/{layer}/{style}/{set}/{matrix}/{row}/{col}.{ext}",
            (HttpContext http, WmtsService wmts, string layer, string style, string set, string matrix, string row, string col, string ext) =>
                wmts.HandleRestTileAsync(http, layer, style, null, set, matrix, row, col, ext));
        app.MapGet("/wmts/1.0.0/{layer}/{style}/{time}/{set}/{matrix}/{row}/{col}.{ext}",
            (HttpContext http, WmtsService wmts, string layer, string style, string time, string set, string matrix, string row, string col, string ext) =>
                wmts.HandleRestTileAsync(http, layer, style, time, set, matrix, row, col, ext));
        app.MapGet("/wmts/1.0.0/{layer}/{style}/{set}/{matrix}/{row}/{col}/{j}/{i}.{ext}",
            (HttpContext http, WmtsService wmts, string layer, string style, string set, string matrix, string row, string col, string j, string i, string ext) =>
                wmts.HandleRestFeatureInfoAsync(http, layer, style, null, set, matrix, row, col, j, i, ext));
        app.MapGet("/wmts/1.0.0/{layer}/{style}/{time}/{set}/{matrix}/{row}/{col}/{j}/{i}.{ext}",
            (HttpContext http, WmtsService wmts, string layer, string style, string time, string set, string matrix, string row, string col, string j, string i, string ext) =>
                wmts.HandleRestFeatureInfoAsync(http, layer, style, time, set, matrix, row, col, j, i, ext));
        return app;
    }
}
