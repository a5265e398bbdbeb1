using System.Net;
using System.Text;
using System.Text.Json;
using OgcTiler.Raster;
using OgcTiler.TestSupport;
using OgcTiler.TestSupport.Fakes;

namespace OgcTiler.Server.Tests.Api.Endpoints;

/// <summary>
/// The overview TiTiler's preview, bbox, feature and statistics read from: rio-tiler reads the area at an output size
/// (rasterio's read with out_shape, on a WarpedVRT in another CRS), so GDAL's RasterIO picks the overview, a coarser
/// one than gdalwarp's while less than 1.2 times as decimated as the request. On tests/data/api/make_overview_classes.py's
/// class raster (UTM 21N, near 73°N as TiTiler's cog.tif, nearest overviews).
/// </summary>
public sealed class CogOverviewChoiceTests : IAsyncLifetime
{
    private readonly RasterOpener _engine = new(() => new HttpClient(), 16);
    private readonly ServerFactory _server = new(ServerFactory.DemoConfig(), new FakeRasterOpener(), plugins: false);
    private HttpClient _client = null!;
    private string _path = "";

    public async Task InitializeAsync()
    {
        _path = _server.DataPath("classes.tif");
        await ExternalProcess.RunCheckedAsync("/usr/bin/python3", RepoPaths.Data("api", "make_overview_classes.py"), _path);
        _server.Opener.Add(await _engine.OpenAsync(_path, default));
        _client = _server.CreateClient();
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        _server.Dispose();
        _engine.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>
    /// preview.npy at max_size is GDAL's RasterIO of the whole file at that size, pixel for pixel: 330 (600/330 = 1.82
    /// reads the 2× overview, which gdalwarp would not), 360 (1.67: full resolution), 160 (3.75: the 4× overview).
    /// </summary>
    [Theory]
    [InlineData(330)]
    [InlineData(360)]
    [InlineData(160)]
    public async Task Preview_AtMaxSize_IsGdalsRasterIoOfTheFile(int maxSize)
    {
        var response = await _client.GetAsync($"/cog/preview.npy?url=data/classes.tif&max_size={maxSize}");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {Encoding.UTF8.GetString(bytes)}");
        var ours = NpyFile.Parse(bytes);
        Assert.Equal([2, maxSize, maxSize], ours.Shape);

        var reference = _server.DataPath($"rasterio-{maxSize}.npy");
        await ExternalProcess.RunCheckedAsync("/usr/bin/python3", "-c", """
            import sys
            import numpy as np
            from osgeo import gdal
            gdal.UseExceptions()
            n = int(sys.argv[2])
            dataset = gdal.Open(sys.argv[1])
            np.save(sys.argv[3], dataset.GetRasterBand(1).ReadAsArray(buf_xsize=n, buf_ysize=n, resample_alg=gdal.GRIORA_NearestNeighbour))
            """, _path, maxSize.ToString(System.Globalization.CultureInfo.InvariantCulture), reference);
        var gdal = NpyFile.Parse(await File.ReadAllBytesAsync(reference));
        Assert.Equal(gdal.Values, ours.Values.Take(maxSize * maxSize));
    }

    /// <summary>
    /// Ported from titiler src/titiler/core/tests/test_factories.py (test_TilerFactory: POST /statistics of a polygon
    /// with categorical=true and max_size=1024 finds 13 classes in cog.tif, where OgcTiler found 12 when it read from
    /// gdalwarp's level): the classes and their pixel counts are those of rio-tiler's feature read replayed with GDAL
    /// (tests/data/api/rio_tiler_feature.py), at a max_size that reads the 2× overview and at full resolution.
    /// </summary>
    [Theory]
    [InlineData(400)]
    [InlineData(1024)]
    public async Task PostStatistics_Categorical_CountsTheClassesOfRioTilersRead(int maxSize)
    {
        const string Feature = """
            {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [[[-59.0, 74.1], [-59.2, 73.2],
            [-58.3, 73.05], [-56.6, 73.1], [-55.2, 73.4], [-55.25, 74.05], [-56.9, 74.2], [-57.2, 74.22], [-59.0, 74.1]]]}}
            """;
        var featurePath = _server.DataPath("feature.json");
        await File.WriteAllTextAsync(featurePath, Feature);
        using var expected = JsonDocument.Parse(await ExternalProcess.RunCheckedAsync("/usr/bin/python3",
            RepoPaths.Data("api", "rio_tiler_feature.py"), _path, featurePath, maxSize.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var response = await _client.PostAsync($"/cog/statistics?url=data/classes.tif&categorical=true&max_size={maxSize}",
            new StringContent(Feature, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}");
        var histogram = JsonDocument.Parse(body).RootElement.GetProperty("properties").GetProperty("statistics").GetProperty("b1").GetProperty("histogram");

        Assert.Equal(Numbers(expected.RootElement.GetProperty("values")), Numbers(histogram[1]));
        Assert.Equal(Numbers(expected.RootElement.GetProperty("counts")), Numbers(histogram[0]));
    }

    private static double[] Numbers(JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetDouble())];
}
