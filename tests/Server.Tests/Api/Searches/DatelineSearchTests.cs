using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OgcTiler.Server.Tests.Rendering;
using OgcTiler.TestSupport;

namespace OgcTiler.Server.Tests.Api.Searches;

/// <summary>
/// A static collection of two items on either side of 180°, cut by gdalwarp from dateline.tif (UTM 1N across the
/// antimeridian): "west" in UTM 60N over 179.41–179.99°E, "east" in UTM 1N over 179.99–179.2°W. A search of both is
/// one mosaic across 180°, as rio-tiler gives a dataset across it (tests/test_io_rasterio.py::test_dateline, TiTiler's
/// tilejson bounds west &gt; east), not a box around the world.
/// </summary>
public sealed class DatelineSearchTests : IAsyncLifetime
{
    private static readonly double[] West = [179.41, 0.05, 179.99, 1.4], East = [-179.99, 0.05, -179.2, 1.4];

    private readonly string _folder = Directory.CreateTempSubdirectory("ogctiler-dateline-").FullName;
    private ServerFactory _server = null!;
    private HttpClient _client = null!;
    private string _id = "";

    public async Task InitializeAsync()
    {
        var source = RealCogs.Path("dateline.tif");
        await ItemAsync("west", "EPSG:32660", West, source);
        await ItemAsync("east", "EPSG:32601", East, source);
        File.WriteAllText(Path.Combine(_folder, "collection.json"), new JsonObject
        {
            ["type"] = "Collection", ["id"] = "dateline", ["stac_version"] = "1.0.0", ["description"] = "both sides of 180°", ["license"] = "proprietary",
            ["extent"] = new JsonObject { ["spatial"] = new JsonObject { ["bbox"] = new JsonArray(new JsonArray(179.41, 0.05, -179.2, 1.4)) } },
            ["links"] = new JsonArray(new JsonObject { ["rel"] = "item", ["href"] = "./west.json" }, new JsonObject { ["rel"] = "item", ["href"] = "./east.json" }),
        }.ToJsonString());
        var folder = JsonValue.Create(_folder).ToJsonString();
        _server = new ServerFactory($$"""
            { "Sources": { "AllowedRoots": [{{folder}}] }, "Searches": { "Directory": {{JsonValue.Create(Path.Combine(_folder, "searches")).ToJsonString()}} } }
            """, opener: null, plugins: true);
        _client = _server.CreateClient();
        using var response = await _client.PostAsync($"/searches/register?url={Uri.EscapeDataString(Path.Combine(_folder, "collection.json"))}",
            new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        _id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData("WebMercatorQuad")]
    [InlineData("WorldCRS84Quad")]
    public async Task TileJsonBounds_CrossTheAntimeridian_WestGreaterThanEast(string tms)
    {
        using var tileJson = JsonDocument.Parse(await _client.GetStringAsync($"/searches/{_id}/{tms}/tilejson.json?assets=data"));

        var bounds = tileJson.RootElement.GetProperty("bounds").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal([West[0], West[1], East[2], East[3]], bounds.Select(v => Math.Round(v, 6)));
        var centre = tileJson.RootElement.GetProperty("center")[0].GetDouble();
        Assert.True(centre >= West[0] || centre <= East[2], $"centre longitude {centre} is not on the data's side of 180°");
    }

    /// <summary>rio-tiler test_dateline: tiles at both edges of the world read the data; the middle of the world is outside the mosaic (404).</summary>
    [Theory]
    [InlineData(31, "west")]
    [InlineData(0, "east")]
    public async Task TilesOnEachSide_HoldThatSidesItem(int x, string item)
    {
        using var response = await _client.GetAsync($"/searches/{_id}/tiles/WebMercatorQuad/5/{x}/15.png?assets=data&tilesize=256");
        using var assets = JsonDocument.Parse(await _client.GetStringAsync($"/searches/{_id}/tiles/WebMercatorQuad/5/{x}/15/assets"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var png = PngSamples.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains(Enumerable.Range(0, png.Width * png.Height), i => png.Samples[i * 2 + 1] > 0);
        Assert.Equal([item], assets.RootElement.EnumerateArray().Select(i => i.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task TileAwayFromBothItems_IsOutsideTheMosaic()
    {
        using var response = await _client.GetAsync($"/searches/{_id}/tiles/WebMercatorQuad/5/15/15.png?assets=data");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>An item whose file gdalwarp cuts from <paramref name="source"/> in <paramref name="crs"/> over the WGS84 box it is listed with.</summary>
    private async Task ItemAsync(string id, string crs, double[] bbox, string source)
    {
        string Text(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        await ExternalProcess.RunCheckedAsync("gdalwarp", "-q", "-overwrite", "-t_srs", crs, "-te_srs", "EPSG:4326",
            "-te", Text(bbox[0]), Text(bbox[1]), Text(bbox[2]), Text(bbox[3]), "-tr", "5000", "5000", "-r", "near", "-of", "COG",
            source, Path.Combine(_folder, id + ".tif"));
        var (w, s, e, n) = (bbox[0], bbox[1], bbox[2], bbox[3]);
        File.WriteAllText(Path.Combine(_folder, id + ".json"), new JsonObject
        {
            ["type"] = "Feature", ["stac_version"] = "1.0.0", ["id"] = id, ["collection"] = "dateline",
            ["bbox"] = new JsonArray(w, s, e, n),
            ["geometry"] = new JsonObject
            {
                ["type"] = "Polygon",
                ["coordinates"] = new JsonArray(new JsonArray(new JsonArray(w, s), new JsonArray(e, s), new JsonArray(e, n), new JsonArray(w, n), new JsonArray(w, s))),
            },
            ["properties"] = new JsonObject { ["datetime"] = "2024-01-01T00:00:00Z" },
            ["links"] = new JsonArray(),
            ["assets"] = new JsonObject { ["data"] = new JsonObject { ["href"] = $"./{id}.tif", ["type"] = "image/tiff; application=geotiff", ["roles"] = new JsonArray("data") } },
        }.ToJsonString());
    }
}
