using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Tiling;
using OgcTiler.Server.Configuration;
using SkiaSharp;

namespace OgcTiler.Server.Tests.Ogc;

/// <summary>
/// One tile of the demo COG (data/demo/s2-4band.tif, made by GDAL) through every door of the real server, with the
/// tile cache off so that each door renders: WMTS GetTile (KVP and REST), the layer tile endpoint and WMS GetMap of
/// the tile's box (transparent, and opaque where the tile is full of data) give the same pixels after decoding.
/// </summary>
public sealed class SamePictureTests(SamePictureTests.UncachedDemo demo) : IClassFixture<SamePictureTests.UncachedDemo>
{
    public sealed class UncachedDemo : IDisposable
    {
        public ServerFactory Server { get; } = new() { TileCache = false };

        public void Dispose() => Server.Dispose();
    }

    private static readonly TileMatrixSetRegistry Sets = TileMatrixSetRegistry.Load(null, CrsRegistry.Default);

    /// <summary>Inside the data, and across its west edge (transparent pixels included).</summary>
    [Theory]
    [InlineData("WebMercatorQuad", 13, 30.73, 29.39, "default", "1.3.0", "EPSG:3857")]
    [InlineData("WebMercatorQuad", 13, 30.73, 29.39, "default", "1.1.1", "EPSG:3857")]
    [InlineData("WebMercatorQuad", 14, 30.6235, 29.39, "falsecolour", "1.3.0", "EPSG:3857")]
    [InlineData("WorldCRS84Quad", 12, 30.73, 29.39, "default", "1.3.0", "CRS:84")]
    [InlineData("WorldCRS84Quad", 13, 30.6235, 29.39, "red", "1.1.1", "EPSG:4326")]
    [InlineData("WGS1984Quad", 12, 30.73, 29.39, "default", "1.3.0", "EPSG:4326")]
    [InlineData("WGS1984Quad", 13, 30.6235, 29.39, "default", "1.3.0", "EPSG:4326")]
    public async Task TileOfTheDemoCog_IsTheSamePictureThroughEveryDoor(string set, int z, double lon, double lat, string style, string version, string crs)
    {
        var client = demo.Server.CreateClient();
        Assert.False(demo.Server.Services.GetRequiredService<ServerOptions>().Cache.Tiles.Enabled);
        var tms = Sets.Get(set);
        var matrix = tms.GetMatrix(z);
        var (col, row) = TileAt(tms, matrix, lon, lat);
        var b = matrix.TileBounds(col, row);
        var latLon = version == "1.3.0" && CrsRegistry.Default.Resolve(crs).NorthingFirst;
        var box = string.Join(',', (latLon ? new[] { b.MinY, b.MinX, b.MaxY, b.MaxX } : [b.MinX, b.MinY, b.MaxX, b.MaxY]).Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        var crsName = version == "1.3.0" ? "CRS" : "SRS";
        var urls = new List<string>
        {
            $"/wmts/1.0.0/s2/{style}/{set}/{z}/{row}/{col}.png",
            $"/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=s2&STYLE={style}&FORMAT=image/png&TILEMATRIXSET={set}&TILEMATRIX={z}&TILEROW={row}&TILECOL={col}",
            $"/layers/s2/tiles/{set}/{z}/{col}/{row}.png?style={style}",
            $"/wms?SERVICE=WMS&REQUEST=GetMap&VERSION={version}&{crsName}={crs}&BBOX={box}&LAYERS=s2&STYLES={style}&WIDTH=256&HEIGHT=256&FORMAT=image/png&TRANSPARENT=TRUE",
        };
        if (lon > 30.7) // a tile full of data covers an opaque map's background too
            urls.Add($"/wms?SERVICE=WMS&REQUEST=GetMap&VERSION={version}&{crsName}={crs}&BBOX={box}&LAYERS=s2&STYLES={style}&WIDTH=256&HEIGHT=256&FORMAT=image/png");

        var pictures = new List<byte[]>();
        foreach (var url in urls)
            pictures.Add(await PixelsAsync(client, url));

        var tile = pictures[0];
        Assert.True(Opaque(tile) > 1000, $"{urls[0]} holds {Opaque(tile)} data pixels");
        Assert.True(lon > 30.7 || Opaque(tile) < 65536, "a tile across the data's west edge has transparent pixels");
        for (var i = 1; i < urls.Count; i++)
            Assert.True(tile.AsSpan().SequenceEqual(pictures[i]), $"{urls[i]}: {Differences(tile, pictures[i])} of 65536 pixels differ from {urls[0]}");
    }

    private static async Task<byte[]> PixelsAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(bytes)}");
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        using var bitmap = SKBitmap.Decode(bytes, new SKImageInfo(256, 256, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        Assert.NotNull(bitmap);
        return bitmap.GetPixelSpan().ToArray();
    }

    private static int Opaque(byte[] rgba)
    {
        var count = 0;
        for (var i = 3; i < rgba.Length; i += 4)
            count += rgba[i] == 255 ? 1 : 0;
        return count;
    }

    private static int Differences(byte[] a, byte[] b)
    {
        var count = 0;
        for (var i = 0; i < a.Length; i += 4)
            count += a.AsSpan(i, 4).SequenceEqual(b.AsSpan(i, 4)) ? 0 : 1;
        return count;
    }

    private static (int Col, int Row) TileAt(TileMatrixSet tms, TileMatrix m, double lon, double lat)
    {
        var registry = CrsRegistry.Default;
        var (x, y) = registry.CreateTransform(registry.Resolve("CRS:84"), tms.Crs).Transform(lon, lat);
        return ((int)Math.Floor((x - m.OriginX) / m.TileSpanX), (int)Math.Floor((m.OriginY - y) / m.TileSpanY));
    }
}
