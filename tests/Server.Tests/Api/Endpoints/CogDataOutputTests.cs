using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OgcTiler.TestSupport;

namespace OgcTiler.Server.Tests.Api.Endpoints;

/// <summary>
/// .tif and .npy keep the data type and carry the mask as TiTiler writes them, read back with gdalinfo. Ported from
/// titiler src/titiler/core/tests/test_factories.py (test_TilerFactory: tiles .tif with return_mask=false, bidx and
/// expression b1;b1;b1, .npy shapes, preview.tif with unscale, feature.tif, preview.tif with algorithm=terrarium),
/// on the GDAL-made uint16 b08.tif and int16 i16.tif.
/// </summary>
public sealed class CogDataOutputTests : IAsyncLifetime
{
    private const string GeoTiff = "image/tiff; application=geotiff";
    private RealCogs _cogs = null!;

    public async Task InitializeAsync() => _cogs = await RealCogs.StartAsync(plugins: true, "b08.tif", "i16.tif");

    public Task DisposeAsync() => _cogs.DisposeAsync();

    private static string EdgeTile()
    {
        var t = RealCogs.Reference.GetProperty("tiles").GetProperty("edge");
        return $"/cog/tiles/WebMercatorQuad/{t.GetProperty("z").GetInt32()}/{t.GetProperty("x").GetInt32()}/{t.GetProperty("y").GetInt32()}";
    }

    private static async Task<byte[]> OkAsync(HttpResponseMessage response, string contentType)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {Encoding.UTF8.GetString(bytes)}");
        Assert.Equal(contentType, response.Content.Headers.ContentType?.ToString());
        return bytes;
    }

    /// <summary>gdalinfo -json of the bytes: (band types, colour interpretations, width, height).</summary>
    private static async Task<(string[] Types, string[] ColourInterpretations, int Width, int Height)> GdalInfoAsync(byte[] tif)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ogctiler-{Guid.NewGuid():N}.tif");
        await File.WriteAllBytesAsync(path, tif);
        try
        {
            using var info = JsonDocument.Parse(await ExternalProcess.RunCheckedAsync("gdalinfo", "-json", path));
            var bands = info.RootElement.GetProperty("bands").EnumerateArray().ToArray();
            var size = info.RootElement.GetProperty("size");
            return (bands.Select(b => b.GetProperty("type").GetString()!).ToArray(),
                bands.Select(b => b.GetProperty("colorInterpretation").GetString()!).ToArray(), size[0].GetInt32(), size[1].GetInt32());
        }
        finally
        {
            File.Delete(path);
        }
    }

    private async Task<(string[] Types, string[] ColourInterpretations, int Width, int Height)> TifAsync(string path) =>
        await GdalInfoAsync(await OkAsync(await _cogs.Client.GetAsync(path), GeoTiff));

    [Fact]
    public async Task TileTif_ThreeBandsWithoutMask_IsUInt16()
    {
        var (types, _, width, height) = await TifAsync($"{EdgeTile()}.tif?url=data/b08.tif&bidx=1&bidx=1&bidx=1&return_mask=false");

        Assert.Equal(["UInt16", "UInt16", "UInt16"], types);
        Assert.Equal((256, 256), (width, height));
    }

    [Fact]
    public async Task TileTif_ExpressionOfUInt16_IsNumexprsInt32()
    {
        var (types, _, _, _) = await TifAsync($"{EdgeTile()}.tif?url=data/b08.tif&expression=b1;b1;b1&return_mask=false");

        Assert.Equal(["Int32", "Int32", "Int32"], types);
    }

    [Fact]
    public async Task TileTif_WithMask_EndsInAnAlphaBandOfTheSameType()
    {
        var (types, colours, _, _) = await TifAsync($"{EdgeTile()}.tif?url=data/b08.tif");

        Assert.Equal(["UInt16", "UInt16"], types);
        Assert.Equal("Alpha", colours[1]);
    }

    [Fact]
    public async Task TileNpy_IsUInt16DataThenTheMask()
    {
        var npy = NpyFile.Parse(await OkAsync(await _cogs.Client.GetAsync($"{EdgeTile()}.npy?url=data/b08.tif"), "application/x-binary"));

        Assert.Equal("<u2", npy.Descr);
        Assert.Equal([2, 256, 256], npy.Shape);
        var plane = 256 * 256;
        var data = npy.Values[..plane];
        var mask = npy.Values[plane..];
        Assert.All(mask, m => Assert.True(m is 0 or 255));
        Assert.Contains(0f, mask);     // the edge tile runs off the data
        Assert.Contains(255f, mask);
        Assert.Contains(data, v => v > 255);  // 16-bit values kept
    }

    [Fact]
    public async Task TileNpy_ReturnMaskFalse_HasNoMaskBand()
    {
        var npy = NpyFile.Parse(await OkAsync(await _cogs.Client.GetAsync($"{EdgeTile()}.npy?url=data/b08.tif&return_mask=false"), "application/x-binary"));

        Assert.Equal([1, 256, 256], npy.Shape);
    }

    [Fact]
    public async Task TileNpy_WithBuffer_GrowsAndKeepsTheMask()
    {
        var npy = NpyFile.Parse(await OkAsync(await _cogs.Client.GetAsync($"{EdgeTile()}.npy?url=data/b08.tif&buffer=10"), "application/x-binary"));

        Assert.Equal([2, 276, 276], npy.Shape);
    }

    [Theory]
    [InlineData("&unscale=True&return_mask=false", "Float32")]
    [InlineData("&return_mask=false", "Int16")]
    public async Task PreviewTif_Int16_KeepsItsTypeUnlessUnscaled(string extra, string type)
    {
        var (types, _, _, _) = await TifAsync($"/cog/preview.tif?url=data/i16.tif{extra}");

        Assert.Equal([type], types);
    }

    [Theory]
    [InlineData("&return_mask=False", new[] { "UInt16" })]
    [InlineData("&return_mask=False&algorithm=terrarium", new[] { "Byte", "Byte", "Byte" })]
    [InlineData("&return_mask=False&algorithm=slope", new[] { "Float32" })]
    [InlineData("&return_mask=False&algorithm=mean", new[] { "Float64" })]
    public async Task PreviewTif_Algorithm_HasItsOutputDtype(string extra, string[] expected)
    {
        var (types, _, _, _) = await TifAsync($"/cog/preview.tif?url=data/b08.tif{extra}");

        Assert.Equal(expected, types);
    }

    [Fact]
    public async Task FeatureTif_IsUInt16WithTheMask()
    {
        var bounds = (await _cogs.Client.GetFromJsonAsync<JsonElement>("/cog/bounds?url=data/b08.tif")).GetProperty("bounds")
            .EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var (x0, y0) = (bounds[0] + (bounds[2] - bounds[0]) / 4, bounds[1] + (bounds[3] - bounds[1]) / 4);
        var (x1, y1) = (bounds[2] - (bounds[2] - bounds[0]) / 4, bounds[3] - (bounds[3] - bounds[1]) / 4);
        var ring = string.Join(",", new[] { (x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0) }
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"[{p.Item1},{p.Item2}]")));
        var feature = """{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[""" + ring + "]]}}";

        var response = await _cogs.Client.PostAsync("/cog/feature.tif?url=data/b08.tif", new StringContent(feature, Encoding.UTF8, "application/json"));
        var (types, colours, _, _) = await GdalInfoAsync(await OkAsync(response, GeoTiff));

        Assert.Equal(["UInt16", "UInt16"], types);
        Assert.Equal("Alpha", colours[1]);
    }
}
