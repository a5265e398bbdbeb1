using System.Globalization;
using System.Net;
using System.Text.Json;
using OgcTiler.Abstractions.Raster;
using OgcTiler.TestSupport;
using OgcTiler.TestSupport.Fakes;
using SkiaSharp;

namespace OgcTiler.Server.Tests.Api.Endpoints;

/// <summary>
/// OGC API - Maps <c>/cog/map</c> and <c>/stac/map</c>, ported from titiler core/tests/test_factories.py
/// test_ogc_maps_cog over a dataset with the bounds and CRS (UTM 21N) of TiTiler's fixture cog.tif, and
/// <c>/conformance</c> as titiler application/main.py serves it.
/// </summary>
public sealed class OgcMapTests : IDisposable
{
    private static readonly Bounds CogBounds = new(373185.0, 8019284.949381611, 639014.9492102272, 8286015.0);

    private readonly ServerFactory _server;
    private readonly HttpClient _client;

    public OgcMapTests()
    {
        var opener = new FakeRasterOpener();
        _server = new ServerFactory(ServerFactory.DemoConfig(), opener, plugins: true);
        opener.Add(new FakeRasterDataset(_server.DataPath("cog.tif"), "EPSG:32621", CogBounds, 1, (_, x, _) => (float)(x % 1000)));
        File.WriteAllText(_server.DataPath("item.json"), """
            {
              "type": "Feature", "stac_version": "1.0.0", "id": "scene-1", "bbox": [-57.2, 72.2, -52.2, 74.7],
              "geometry": { "type": "Polygon", "coordinates": [[[-57.2, 72.2], [-52.2, 72.2], [-52.2, 74.7], [-57.2, 74.7], [-57.2, 72.2]]] },
              "properties": { "datetime": "2024-06-01T10:00:00Z" }, "links": [],
              "assets": { "B01": { "href": "cog.tif", "type": "image/tiff; application=geotiff; profile=cloud-optimized", "roles": ["data"] } }
            }
            """);
        _client = _server.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _server.Dispose();
    }

    private const string Map = "/cog/map?url=data/cog.tif&rescale=0,1000";

    // Conformance class "Core": the whole dataset, longer side 1024, PNG unless asked otherwise.
    [Fact]
    public async Task Core_IsThePreviewInTheSourceCrs()
    {
        var response = await _client.GetAsync(Map);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("373185,8019284.949381611,639014.9492102272,8286015", Header(response, "Content-Bbox"));
        Assert.Equal("<http://www.opengis.net/def/crs/EPSG/0/32621>", Header(response, "Content-Crs"));
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        using var image = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(1024, Math.Max(image.Width, image.Height));
    }

    [Theory]
    [InlineData(null, "image/jpeg", "image/jpeg")]
    [InlineData("tif", null, "image/tiff")]
    [InlineData("tiff", null, "image/tiff")]
    [InlineData(null, "text/html, image/webp;q=0.9, image/png;q=0.5", "image/webp")]
    public async Task Format_FromFOrTheAcceptHeader(string? f, string? accept, string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Map + (f is null ? "" : "&f=" + f));
        if (accept is not null)
            request.Headers.TryAddWithoutValidation("Accept", accept);
        var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(Header(response, "Content-Bbox"));
        Assert.NotNull(Header(response, "Content-Crs"));
        Assert.Equal(f is null, response.Headers.Vary.Contains("Accept")); // a cache keys a negotiated answer on Accept
    }

    /// <summary>
    /// Conformance class "Scaling": /req/scaling/width-definition and height-definition, the other side keeps the
    /// aspect of the source's pixels. TiTiler's cog.tif (1021 × 1024 square pixels) gives 256 × 257; the fake here has
    /// 1024 × 1024 pixels over the same bounds, so 256 × 256.
    /// </summary>
    [Theory]
    [InlineData("width=256", 256, 256)]
    [InlineData("height=256", 256, 256)]
    public async Task Scaling_WidthOrHeight(string parameter, int width, int height)
    {
        using var image = SKBitmap.Decode(await _client.GetByteArrayAsync($"{Map}&{parameter}"));
        Assert.Equal((width, height), (image.Width, image.Height));
    }

    [Theory]
    [InlineData("width=-256")]
    [InlineData("height=-256")]
    [InlineData("f=gif")]
    [InlineData("bbox=1,2,3")]
    [InlineData("crs=EPSG:99999")]
    [InlineData("bbox-crs=nope&bbox=1,2,3,4")]
    public async Task BadParameters_Are422(string parameter)
    {
        var response = await _client.GetAsync($"{Map}&{parameter}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    // Conformance class "Spatial Subsetting": bbox (default CRS84), bbox-crs as a URI or a safe CURIE; output in the source's CRS.
    [Theory]
    [InlineData("bbox=-56.228,72.715,-54.547,73.188")]
    [InlineData("bbox=-56.228,72.715,-54.547,73.188&bbox-crs=http://www.opengis.net/def/crs/OGC/0/CRS84")]
    [InlineData("bbox=-56.228,72.715,0,-54.547,73.188,10")]
    [InlineData("bbox=-6259272.328324187,12015838.020930404,-6072144.264300693,12195445.265479913&bbox-crs=[EPSG:3857]")]
    public async Task SpatialSubsetting_BboxInItsCrs_IsDrawnInTheSourceCrs(string parameters)
    {
        var response = await _client.GetAsync($"{Map}&{parameters}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("<http://www.opengis.net/def/crs/EPSG/0/32621>", Header(response, "Content-Crs"));
        AssertClose([524922.2217886819, 8068852.367048624, 581330.6416587981, 8123074.564952523], Header(response, "Content-Bbox")!, 1e-5);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>
    /// Abstract test for the crs parameter, over a GDAL-made COG read by the real engine (the fake dataset reads only in
    /// its own CRS): the whole source drawn in EPSG:4326 spans the grid of rio-tiler's preview (TiTiler's map calls
    /// preview with dst_crs, which reads a WarpedVRT: GDALSuggestedWarpOutput2's whole pixels, here GDAL's own warped
    /// VRT; rio-tiler 9.4.2 on rasterio 1.3.5 gives 3.0, 45.1448366, 3.0162444, 45.1534772, where transform_bounds ends
    /// at 3.0162840, 45.1448344), and a bbox given in the output's CRS comes back as given (TiTiler: bbox-crs and crs
    /// both EPSG:4326-like).
    /// </summary>
    [Theory]
    [InlineData("")]
    [InlineData("&bbox=3,45.145,3.016,45.153&bbox-crs=[EPSG:4326]")]
    public async Task Crs_ReprojectsTheOutput(string bbox)
    {
        const string warpedVrtBounds = """
            import sys
            from osgeo import gdal
            d = gdal.Warp("", sys.argv[1], format="VRT", dstSRS="EPSG:4326")
            x, dx, _, y, _, dy = d.GetGeoTransform()
            print(repr(x), repr(y + d.RasterYSize * dy), repr(x + d.RasterXSize * dx), repr(y))
            """;
        var cogs = await RealCogs.StartAsync(plugins: false, "visual.tif");
        try
        {
            var response = await cogs.Client.GetAsync($"/cog/map?url=data/visual.tif&crs=[EPSG:4326]{bbox}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("<http://www.opengis.net/def/crs/EPSG/0/4326>", Header(response, "Content-Crs"));
            var expected = bbox.Length == 0
                ? (await ExternalProcess.RunCheckedAsync("/usr/bin/python3", "-c", warpedVrtBounds, RealCogs.Path("visual.tif")))
                    .Trim().Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()
                : [3, 45.145, 3.016, 45.153];
            AssertClose(expected, Header(response, "Content-Bbox")!, 1e-7);
            using var image = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
            Assert.Contains(image.Pixels, p => p.Alpha == 255);
        }
        finally
        {
            await cogs.DisposeAsync();
        }
    }

    [Fact]
    public async Task Stac_MapOfAnAsset()
    {
        var response = await _client.GetAsync("/stac/map?url=data/item.json&assets=B01&rescale=0,1000&width=100");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("<http://www.opengis.net/def/crs/EPSG/0/32621>", Header(response, "Content-Crs"));
        using var image = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((100, 100), (image.Width, image.Height));
    }

    [Theory]
    [InlineData("", null, "application/json")]
    [InlineData("?f=json", "text/html", "application/json")]
    [InlineData("", "text/html", "text/html")]
    [InlineData("?f=html", null, "text/html")]
    public async Task Conformance_ListsTheTilesAndMapsClasses(string query, string? accept, string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/conformance" + query);
        if (accept is not null)
            request.Headers.TryAddWithoutValidation("Accept", accept);
        var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("http://www.opengis.net/spec/ogcapi-maps-1/1.0/conf/core", text);
        Assert.Contains("http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset", text);
        if (contentType == "application/json")
        {
            var classes = JsonDocument.Parse(text).RootElement.GetProperty("conformsTo").EnumerateArray().Select(c => c.GetString()).ToArray();
            Assert.Equal(classes.Order(StringComparer.Ordinal), classes);
            Assert.Contains("http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/core", classes);
        }
    }

    [Fact]
    public async Task Conformance_UnknownF_Is422() =>
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await _client.GetAsync("/conformance?f=xml")).StatusCode);

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? values.Single() : null;

    private static void AssertClose(double[] expected, string header, double relative)
    {
        var actual = header.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= relative * Math.Abs(expected[i]), $"Content-Bbox {header}: value {i} is not {expected[i]}");
    }
}
