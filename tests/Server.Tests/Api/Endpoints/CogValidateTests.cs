using System.Net;
using System.Text.Json;
using OgcTiler.TestSupport;

namespace OgcTiler.Server.Tests.Api.Endpoints;

/// <summary>
/// /cog/validate (titiler.extensions cogValidateExtension, rio-cogeo's cog_info) over TIFFs made here with GDAL: a COG,
/// a striped GeoTIFF, a tiled one with overviews added afterwards, one with an external .ovr. The COG verdict is
/// compared with GDAL's own validate_cloud_optimized_geotiff.py, the messages with rio-cogeo's cogeo.py cog_validate;
/// cases after rio-cogeo tests/test_validate.py.
/// </summary>
public sealed class CogValidateTests : IAsyncLifetime
{
    private const string GdalValidator = "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_cloud_optimized_geotiff.py";
    private ServerFactory _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = new ServerFactory(ServerFactory.DemoConfig(), opener: null);
        _client = _server.CreateClient();
        var source = _server.DataPath("source.tif");
        await Gdal("gdal_create", "-outsize", "700", "600", "-bands", "1", "-ot", "Byte", "-burn", "7",
            "-a_srs", "EPSG:32631", "-a_ullr", "500000", "5006000", "507000", "5000000", source);
        await Gdal("gdal_translate", "-q", "-of", "COG", "-co", "COMPRESS=DEFLATE", source, _server.DataPath("cog.tif"));
        await Gdal("gdal_translate", "-q", "-of", "COG", "-co", "OVERVIEWS=NONE", source, _server.DataPath("cog-no-overviews.tif"));
        // GDAL's validator calls a striped file untiled only above 1024 columns (rio-cogeo above 512): wide enough for both.
        var wide = _server.DataPath("wide.tif");
        await Gdal("gdal_create", "-outsize", "1100", "600", "-bands", "1", "-ot", "Byte", "-burn", "7",
            "-a_srs", "EPSG:32631", "-a_ullr", "500000", "5006000", "511000", "5000000", wide);
        await Gdal("gdal_translate", "-q", "-of", "GTiff", wide, _server.DataPath("striped.tif"));
        await Gdal("gdal_translate", "-q", "-of", "GTiff", "-co", "TILED=YES", source, _server.DataPath("tiled-addo.tif"));
        await Gdal("gdaladdo", "-q", _server.DataPath("tiled-addo.tif"), "2", "4");
        await Gdal("gdal_translate", "-q", "-of", "COG", "-co", "OVERVIEWS=NONE", source, _server.DataPath("external-ovr.tif"));
        await Gdal("gdaladdo", "-q", "-ro", _server.DataPath("external-ovr.tif"), "2");
        // A block rewritten larger than it was is appended: GDAL then marks the layout KNOWN_INCOMPATIBLE_EDITION=YES.
        await Gdal("gdal_translate", "-q", "-of", "COG", "-co", "COMPRESS=DEFLATE", source, _server.DataPath("edited.tif"));
        await Gdal("/usr/bin/python3", "-c",
            $"from osgeo import gdal; import random; random.seed(1); gdal.PushErrorHandler('CPLQuietErrorHandler'); d = gdal.Open('{_server.DataPath("edited.tif")}', 1); " +
            "d.GetRasterBand(1).WriteRaster(0, 0, 64, 64, bytes(random.randrange(256) for _ in range(64 * 64))); d = None");
        var zeros = _server.DataPath("zeros.tif");
        await Gdal("gdal_create", "-outsize", "700", "600", "-bands", "1", "-ot", "Byte", "-a_srs", "EPSG:32631",
            "-a_ullr", "500000", "5006000", "507000", "5000000", zeros);
        await Gdal("gdal_translate", "-q", "-of", "COG", "-co", "SPARSE_OK=TRUE", zeros, _server.DataPath("sparse.tif"));
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Cog_IsValid_WithItsProfileAndImages() // rio-cogeo test_validate.py test_cog_validate_valid
    {
        var info = await ValidateAsync("cog.tif");
        Assert.True(info.GetProperty("COG").GetBoolean());
        Assert.Equal(JsonValueKind.Null, info.GetProperty("COG_errors").ValueKind);
        Assert.Equal(JsonValueKind.Null, info.GetProperty("COG_warnings").ValueKind);
        Assert.Equal("DEFLATE", info.GetProperty("Compression").GetString());
        var profile = info.GetProperty("Profile");
        Assert.Equal((700, 600, 1, "uint8", true), (profile.GetProperty("Width").GetInt32(), profile.GetProperty("Height").GetInt32(),
            profile.GetProperty("Bands").GetInt32(), profile.GetProperty("Dtype").GetString(), profile.GetProperty("Tiled").GetBoolean()));
        var ifds = info.GetProperty("IFD").EnumerateArray().ToArray();
        Assert.Equal([(0, 700, 0), (1, 350, 2)], ifds.Select(i => (i.GetProperty("Level").GetInt32(), i.GetProperty("Width").GetInt32(), i.GetProperty("Decimation").GetInt32())));
        Assert.Equal([512, 512], ifds[0].GetProperty("Blocksize").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal([500000, 5000000, 507000, 5006000], info.GetProperty("GEO").GetProperty("BoundingBox").EnumerateArray().Select(v => v.GetDouble()));
        Assert.True(await GdalSaysValidAsync("cog.tif"));
    }

    [Fact]
    public async Task CogWithoutOverviews_IsValidWithAWarning_InvalidWhenStrict() // test_validate.py: strict=True turns warnings into errors
    {
        var info = await ValidateAsync("cog-no-overviews.tif");
        Assert.True(info.GetProperty("COG").GetBoolean());
        Assert.Equal(["The file is greater than 512xH or 512xW, it is recommended to include internal overviews"], Strings(info, "COG_warnings"));
        Assert.False((await ValidateAsync("cog-no-overviews.tif", "&strict=true")).GetProperty("COG").GetBoolean());
        Assert.True(await GdalSaysValidAsync("cog-no-overviews.tif"));
    }

    [Fact]
    public async Task StripedGeoTiff_IsNotACog_BecauseNotTiled() // test_validate.py: "not tiled"
    {
        var info = await ValidateAsync("striped.tif");
        Assert.False(info.GetProperty("COG").GetBoolean());
        Assert.Contains("The file is greater than 512xH or 512xW, but is not tiled", Strings(info, "COG_errors"));
        Assert.False(info.GetProperty("Profile").GetProperty("Tiled").GetBoolean());
        Assert.False(await GdalSaysValidAsync("striped.tif"));
    }

    [Fact]
    public async Task OverviewsAddedAfterTheImage_AreOutOfOrder() // test_validate.py: gdaladdo on a tiled GeoTIFF
    {
        var info = await ValidateAsync("tiled-addo.tif");
        Assert.False(info.GetProperty("COG").GetBoolean());
        Assert.Contains("The offset of the first block of the main resolution image should be after the one of the overview of index 1",
            Strings(info, "COG_errors"));
        Assert.Equal([0, 2, 4], info.GetProperty("IFD").EnumerateArray().Select(i => i.GetProperty("Decimation").GetInt32()));
        Assert.False(await GdalSaysValidAsync("tiled-addo.tif"));
    }

    [Fact]
    public async Task ExternalOverviews_AreAnError() // test_validate.py: external .ovr
    {
        var info = await ValidateAsync("external-ovr.tif");
        Assert.False(info.GetProperty("COG").GetBoolean());
        Assert.Contains("Overviews found in external .ovr file. They should be internal", Strings(info, "COG_errors"));
        Assert.False(await GdalSaysValidAsync("external-ovr.tif"));
    }

    [Fact]
    public async Task CogEditedInPlace_IsNotACog() // test_validate.py: image_known_incompatible_ghost_headers.tif
    {
        var info = await ValidateAsync("edited.tif");
        Assert.False(info.GetProperty("COG").GetBoolean());
        Assert.Contains("This file used to have optimizations in its layout, but those have been, at least partly, invalidated by later changes",
            Strings(info, "COG_errors"));
        Assert.False(await GdalSaysValidAsync("edited.tif"));
    }

    [Fact]
    public async Task SparseCog_IsValid() // test_validate.py: sparse.tif (blocks without data have offset 0)
    {
        var info = await ValidateAsync("sparse.tif");
        Assert.True(info.GetProperty("COG").GetBoolean(), info.ToString());
        Assert.True(await GdalSaysValidAsync("sparse.tif"));
    }

    [Theory]
    [InlineData("url=data/missing.tif", HttpStatusCode.NotFound)]
    [InlineData("", HttpStatusCode.UnprocessableEntity)] // url is required
    [InlineData("url=data/cog.tif&strict=maybe", HttpStatusCode.UnprocessableEntity)]
    public async Task BadRequests_HaveTiTilersStatus(string query, HttpStatusCode status)
    {
        var response = await _client.GetAsync($"/cog/validate?{query}");
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task NotATiff_Is422()
    {
        await File.WriteAllTextAsync(_server.DataPath("text.tif"), "not a tiff at all");
        var response = await _client.GetAsync("/cog/validate?url=data/text.tif");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("not a TIFF file", await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement> ValidateAsync(string file, string extra = "")
    {
        var response = await _client.GetAsync($"/cog/validate?url=data/{file}{extra}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{file}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static string[] Strings(JsonElement info, string name) => [.. info.GetProperty(name).EnumerateArray().Select(v => v.GetString()!)];

    /// <summary>GDAL's validate_cloud_optimized_geotiff.py exits 0 for a valid COG (warnings allowed).</summary>
    private async Task<bool> GdalSaysValidAsync(string file) =>
        (await ExternalProcess.RunAsync("/usr/bin/python3", [GdalValidator, "-q", _server.DataPath(file)])).Exit == 0;

    private static Task Gdal(string program, params string[] arguments) => ExternalProcess.RunCheckedAsync(program, arguments);
}
