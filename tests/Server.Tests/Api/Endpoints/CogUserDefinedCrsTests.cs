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

    /// <summary>
    /// rio-tiler's Info crs is <c>CRS_to_uri(crs) or crs.to_wkt()</c> (rio_tiler/io/rasterio.py, rio_tiler/utils.py):
    /// a CRS no EPSG code matches is its WKT1, which GDAL reads as the source's CRS (its PROJ string); its images carry
    /// no Content-Crs (titiler/core/factory.py sets it only from CRS_to_uri).
    /// </summary>
    [Theory]
    [InlineData("tm_wgs84")]
    [InlineData("lcc2sp_user_ellps")]
    [InlineData("laea_sphere")]
    [InlineData("merc_1sp_k")]
    [InlineData("longlat_intl_towgs84")]
    [InlineData("geos_sweep_x")]
    public async Task Info_UnidentifiedUserDefinedCrs_IsAWktGdalReadsAsTheSource(string name)
    {
        using var client = await ServeAsync(name);
        var info = await client.GetFromJsonAsync<JsonElement>($"/cog/info?url=data/{name}.tif");
        var wkt = info.GetProperty("crs").GetString()!;
        var proj = await ExternalProcess.RunCheckedAsync("/usr/bin/python3", "-c", """
            import sys
            from osgeo import gdal, osr
            gdal.UseExceptions()
            a, b = gdal.Open(sys.argv[1]).GetSpatialRef(), osr.SpatialReference()
            b.SetFromUserInput(sys.argv[2])
            print(a.ExportToProj4())
            print(b.ExportToProj4())
            """, RepoPaths.Data("crs", "user_defined", name + ".tif"), wkt);
        var lines = proj.Trim().Split('\n');
        Assert.Equal(lines[0], lines[1]);

        var preview = await client.GetAsync($"/cog/preview.png?url=data/{name}.tif&max_size=16");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.False(preview.Headers.Contains("Content-Crs"), "a CRS without an authority code has no Content-Crs");
    }

    [Fact]
    public async Task Preview_IdentifiedUserDefinedCrs_HasTheIdentifiedContentCrs()
    {
        using var client = await ServeAsync("aea_nad83");
        var preview = await client.GetAsync("/cog/preview.png?url=data/aea_nad83.tif&max_size=16");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal("<http://www.opengis.net/def/crs/EPSG/0/5070>", preview.Headers.GetValues("Content-Crs").Single());
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

    /// <summary>
    /// GDAL's comparison of a written GeoTIFF's CRS with its source's: both PROJ strings (OSR's IsSame also compares
    /// names, which user-defined CRSs do not keep), and how far (CRS units) points of the output's extent move when
    /// transformed from its CRS to the source's.
    /// </summary>
    private const string CompareCrs = """
        import json, sys
        from osgeo import gdal, osr
        gdal.UseExceptions()
        src, out = (gdal.Open(p) for p in sys.argv[1:3])
        a, b = src.GetSpatialRef(), out.GetSpatialRef()
        gt = out.GetGeoTransform()
        t = osr.CoordinateTransformation(b, a)
        shift = 0
        for i in (0, out.RasterXSize // 2, out.RasterXSize):
            for j in (0, out.RasterYSize // 2, out.RasterYSize):
                x, y = gt[0] + i * gt[1], gt[3] + j * gt[5]
                tx, ty, _ = t.TransformPoint(x, y)
                shift = max(shift, abs(tx - x), abs(ty - y))
        print(json.dumps({"source": a.ExportToProj4(), "output": b.ExportToProj4(), "shift": shift}))
        """;

    /// <summary>
    /// preview.tif of every user-defined CRS fixture carries that CRS in user-defined GeoKeys (GDAL reads the same CRS
    /// back) instead of a 422. The request is ported from titiler src/titiler/core/tests/test_factories.py
    /// (test_TilerFactory: preview.tif of cog_scale.tif, a Transverse Mercator on an unnamed datum).
    /// </summary>
    [Theory]
    [InlineData("tm_wgs84")]
    [InlineData("tm_nad83_origin")]
    [InlineData("tm_airy_towgs84")]
    [InlineData("lcc2sp_nad83_ftus")]
    [InlineData("lcc2sp_user_ellps")]
    [InlineData("lcc1sp_esri_pe")]
    [InlineData("aea_nad83")]
    [InlineData("aea_nad83_esri_pe")]
    [InlineData("aea_user")]
    [InlineData("laea_grs80")]
    [InlineData("laea_south_pole")]
    [InlineData("laea_sphere")]
    [InlineData("laea_esri_pe")]
    [InlineData("stere_north_ts70")]
    [InlineData("stere_north_ts60")]
    [InlineData("stere_south_k")]
    [InlineData("stere_north_esri_pe")]
    [InlineData("merc_1sp_k")]
    [InlineData("eqc_wgs84")]
    [InlineData("omerc_azimuth_center")]
    [InlineData("cea_wgs84")]
    [InlineData("cass_user")]
    [InlineData("poly_user")]
    [InlineData("sterea_bessel")]
    [InlineData("longlat_intl_towgs84")]
    [InlineData("longlat_user_ellps")]
    [InlineData("geos_sweep_x")]
    [InlineData("geos_sweep_y")]
    public async Task PreviewTif_UserDefinedCrs_GdalReadsTheSameCrs(string name)
    {
        var comparison = await CompareWithSourceAsync(name);
        Assert.Equal(comparison.GetProperty("source").GetString(), comparison.GetProperty("output").GetString());
        Assert.Equal(0, comparison.GetProperty("shift").GetDouble(), 1e-6);
    }

    /// <summary>
    /// Where the engine keeps a CRS in an equivalent form (Mercator variant B as variant A with its scale; a Paris
    /// prime meridian folded into the central meridian), GDAL reads an equivalent CRS: points move less than a
    /// millimetre (PROJ's own round trip between the two forms).
    /// </summary>
    [Theory]
    [InlineData("merc_2sp")]
    [InlineData("merc_2sp_esri_pe")]
    [InlineData("lcc1sp_paris")]
    public async Task PreviewTif_UserDefinedCrsInAnEquivalentForm_GdalReadsAnEquivalentCrs(string name)
    {
        var comparison = await CompareWithSourceAsync(name);
        Assert.True(comparison.GetProperty("shift").GetDouble() < 1e-3, comparison.ToString());
    }

    private async Task<JsonElement> CompareWithSourceAsync(string name)
    {
        using var client = await ServeAsync(name);
        var response = await client.GetAsync($"/cog/preview.tif?url=data/{name}.tif&unscale=True&return_mask=false");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(bytes)}");
        Assert.Equal("image/tiff; application=geotiff", response.Content.Headers.ContentType?.ToString());
        var output = _server.DataPath(name + ".out.tif");
        await File.WriteAllBytesAsync(output, bytes);
        var json = await ExternalProcess.RunCheckedAsync("/usr/bin/python3", "-c", CompareCrs, RepoPaths.Data("crs", "user_defined", name + ".tif"), output);
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    private async Task<HttpClient> ServeAsync(string name)
    {
        var target = _server.DataPath(name + ".tif");
        File.Copy(RepoPaths.Data("crs", "user_defined", name + ".tif"), target, overwrite: true);
        _server.Opener.Add(await _engine.OpenAsync(target, default));
        return _server.CreateClient();
    }
}
