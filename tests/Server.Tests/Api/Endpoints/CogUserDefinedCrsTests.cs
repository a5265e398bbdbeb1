using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OgcTiler.Raster;
using OgcTiler.TestSupport;
using OgcTiler.TestSupport.Fakes;

namespace OgcTiler.Server.Tests.Api.Endpoints;

/// <summary>
/// /cog/info and tiles of GeoTIFFs with user-defined CRSs (tests/data/crs/make_user_defined.sh), through the running
/// server and the real raster engine: the crs is the EPSG code rasterio's CRS.to_epsg() identifies, else the WKT.
/// </summary>
public sealed class CogUserDefinedCrsTests : IDisposable
{
    private readonly RasterOpener _engine = new(() => new HttpClient(), 16);
    private readonly ServerFactory _server = new(ServerFactory.DemoConfig(), new FakeRasterOpener(), plugins: false);

    public void Dispose()
    {
        _server.Dispose();
        _engine.Dispose();
    }

    [Theory]
    [InlineData("aea_nad83", "http://www.opengis.net/def/crs/EPSG/0/5070")]
    [InlineData("stere_north_ts70", "http://www.opengis.net/def/crs/EPSG/0/3413")]
    [InlineData("merc_1sp_k", "PROJCS[\"unknown\",GEOGCS[\"WGS 84\",")]
    [InlineData("longlat_user_ellps", "GEOGCS[\"unknown\",DATUM[\"unknown\",SPHEROID[\"unknown\",6378000,300]]")]
    public async Task Info_UserDefinedCrs_IsTheIdentifiedEpsgUriOrTheWkt(string name, string expected)
    {
        using var client = await ServeAsync(name);
        var info = await client.GetFromJsonAsync<JsonElement>($"/cog/info?url=data/{name}.tif");
        Assert.StartsWith(expected, info.GetProperty("crs").GetString());
    }

    [Fact]
    public async Task Tile_UserDefinedLambertAzimuthal_Renders()
    {
        using var client = await ServeAsync("laea_south_pole");
        var tileJson = await client.GetFromJsonAsync<JsonElement>("/cog/WebMercatorQuad/tilejson.json?url=data/laea_south_pole.tif");
        var z = tileJson.GetProperty("maxzoom").GetInt32();
        var b = tileJson.GetProperty("center").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var n = 1 << z;
        var x = (int)Math.Floor((b[0] + 180) / 360 * n);
        var lat = b[1] * Math.PI / 180;
        var y = (int)Math.Floor((1 - Math.Log(Math.Tan(lat) + 1 / Math.Cos(lat)) / Math.PI) / 2 * n);
        var response = await client.GetAsync($"/cog/tiles/WebMercatorQuad/{z}/{x}/{y}.png?url=data/laea_south_pole.tif");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Info_UnsupportedProjectionMethod_Is422NamingIt()
    {
        using var server = new ServerFactory(ServerFactory.DemoConfig(), opener: null); // the real engine opens it
        File.Copy(RepoPaths.Data("crs", "user_defined_refused", "sinu.tif"), server.DataPath("sinu.tif"), overwrite: true);
        using var client = server.CreateClient();
        var response = await client.GetAsync("/cog/info?url=data/sinu.tif");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("ProjCoordTransGeoKey = 24 (Sinusoidal) is not supported", await response.Content.ReadAsStringAsync());
    }

    /// <summary>The dataset's own CRS given as the WKT2 projinfo writes for its PROJ string: the bounds are gdalinfo's corners.</summary>
    [Fact]
    public async Task Bounds_InACrsGivenAsWkt2_AreGdalsCorners()
    {
        using var client = await ServeAsync("aea_nad83");
        var wkt2 = (await ExternalProcess.RunCheckedAsync("projinfo", "-o", "WKT2_2019", "-q", "--single-line",
            "+proj=aea +lat_1=29.5 +lat_2=45.5 +lat_0=23 +lon_0=-96 +x_0=0 +y_0=0 +datum=NAD83 +units=m +type=crs")).Trim();
        using var gdal = JsonDocument.Parse(await ExternalProcess.RunCheckedAsync("gdalinfo", "-json", RepoPaths.Data("crs", "user_defined", "aea_nad83.tif")));
        var corners = gdal.RootElement.GetProperty("cornerCoordinates");
        double[] expected = [.. corners.GetProperty("lowerLeft").EnumerateArray().Select(v => v.GetDouble()),
            .. corners.GetProperty("upperRight").EnumerateArray().Select(v => v.GetDouble())];
        var bounds = await client.GetFromJsonAsync<JsonElement>($"/cog/bounds?url=data/aea_nad83.tif&crs={Uri.EscapeDataString(wkt2)}");
        var actual = bounds.GetProperty("bounds").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        for (var i = 0; i < 4; i++)
            Assert.Equal(expected[i], actual[i], 1e-3);
    }

    [Theory]
    [InlineData("crs", "/cog/bounds?url=data/aea_nad83.tif", "+proj=robin +datum=WGS84", "+proj=robin is not supported")]
    [InlineData("dst_crs", "/cog/bbox/-100,35,-95,40.png?url=data/aea_nad83.tif", "PROJCS[\"x\",GEOGCS[\"g\"", "is not closed")]
    public async Task CrsParameter_UnusableText_Is422SayingWhy(string parameter, string path, string text, string message)
    {
        using var client = await ServeAsync("aea_nad83");
        var response = await client.GetAsync($"{path}&{parameter}={Uri.EscapeDataString(text)}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<HttpClient> ServeAsync(string name)
    {
        var target = _server.DataPath(name + ".tif");
        File.Copy(RepoPaths.Data("crs", "user_defined", name + ".tif"), target, overwrite: true);
        _server.Opener.Add(await _engine.OpenAsync(target, default));
        return _server.CreateClient();
    }
}
