using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Server.Configuration;
using OgcTiler.Server.Rendering.Encoders;

namespace OgcTiler.Server.Tests.Configuration;

public sealed class ServerOptionsReaderTests
{
    private const string ConfigFile = "/srv/ogctiler/config/ogctiler.json";

    [Fact]
    public void Read_MinimalDesignShape_BindsEveryValue()
    {
        var options = Read("""
            {
              "Service": { "Title": "T", "Abstract": "A", "ProviderName": "P" },
              "Sources": { "AllowedRoots": ["../data"], "AllowedUrlPrefixes": ["https://"] },
              "Layers": [
                { "Id": "demo-rgb", "Title": "Demo true colour",
                  "Source": { "Type": "cog", "Url": "../data/demo/rgb.tif" },
                  "Render": { "Bidx": [1, 2, 3], "Rescale": [[0, 3000]], "Resampling": "bilinear" },
                  "Styles": { "default": {}, "ndvi": { "Expression": "(b4-b3)/(b4+b3)", "Rescale": [[-1, 1]], "ColormapName": "viridis" } },
                  "TileMatrixSets": ["WebMercatorQuad", "WorldCRS84Quad"] }
              ]
            }
            """);

        Assert.Equal("T", options.Service.Title);
        Assert.Equal(["/srv/ogctiler/data"], options.Sources.AllowedRoots);
        var layer = Assert.Single(options.Layers);
        Assert.Equal("/srv/ogctiler/data/demo/rgb.tif", layer.Source.Url);
        Assert.Equal([1, 2, 3], layer.Render.Bidx);
        Assert.Equal([new(0, 3000)], layer.Render.Rescale);
        Assert.Equal(ResamplingMethod.Bilinear, layer.Render.Resampling);
        Assert.Equal("(b4-b3)/(b4+b3)", layer.Styles["ndvi"].Expression);
        Assert.Equal([new(-1, 1)], layer.Styles["ndvi"].Rescale);
        Assert.Equal(["WebMercatorQuad", "WorldCRS84Quad"], layer.TileMatrixSets);
    }

    [Fact]
    public void Read_Defaults_AreTheDocumentedOnes()
    {
        var options = Read("{}");

        Assert.True(options.Cache.Tiles.Enabled);
        Assert.Equal(Math.Max(64, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 20 / (1 << 20)), options.Cache.BlocksSizeMB);
        Assert.Equal(new PngOptions(PngFilter.Up, 2), options.Encoding.Png);
        Assert.Empty(options.Layers);
        Assert.Equal("/srv/ogctiler/config", options.ConfigDirectory);
    }

    [Fact]
    public void Read_BlockCaches_CompressedDefaultsToTheDecodedOnesSizeAndZeroTurnsItOff()
    {
        Assert.Equal(512, Read("""{ "Cache": { "Blocks": { "SizeMB": 512 } } }""").Cache.BlocksCompressedSizeMB);
        Assert.Equal(Read("{}").Cache.BlocksSizeMB, Read("{}").Cache.BlocksCompressedSizeMB);
        Assert.Equal(0, Read("""{ "Cache": { "Blocks": { "CompressedSizeMB": 0 } } }""").Cache.BlocksCompressedSizeMB);
        var error = Assert.Throws<ConfigurationException>(() => Read("""{ "Cache": { "Blocks": { "CompressedSizeMB": -1 } } }"""));
        Assert.StartsWith("Cache:Blocks:CompressedSizeMB: ", Assert.Single(error.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ManyMistakes_ListsEveryOneAtOnce()
    {
        var error = Assert.Throws<ConfigurationException>(() => Read("""
            {
              "Servce": {},
              "Sources": { "AllowedRoot": ["data"], "AllowedUrlPrefixes": ["ftp://x"], "AllowedNetworks": ["10.0.0.0/33"], "RequestTimeoutSeconds": 0 },
              "Cache": { "Tiles": { "Enabled": "maybe" } },
              "Encoding": { "Png": { "ZlibLevel": 12, "Filter": "Diagonal" } },
              "Layers": [
                { "Id": "a b", "Source": { "Type": "cog" }, "Render": { "Rescale": [[0]], "Resampling": "lanczos", "Colour": 1 } },
                { "Id": "x", "Source": { "Type": "cog", "Url": "x.tif" } },
                { "Id": "x", "Source": { "Type": "cog", "Url": "y.tif" } }
              ]
            }
            """));

        string[] expected =
        [
            "Servce: unknown section",
            "Sources:AllowedRoot: unknown key (known keys: AllowedRoots, AllowedUrlPrefixes, AllowedNetworks, ConnectTimeoutSeconds, FirstByteTimeoutSeconds, RequestTimeoutSeconds, MinBytesPerSecond, Retries)",
            "Sources:AllowedUrlPrefixes: 'ftp://x' must start with http:// or https://",
            "Sources:AllowedNetworks: '10.0.0.0/33' is not a network in CIDR notation",
            "Sources:RequestTimeoutSeconds: 0 is not between 0 and 3600 seconds",
            "Cache:Tiles:Enabled: 'maybe' is not true or false",
            "Encoding:Png:ZlibLevel: '12' is not an integer in 0..9",
            "Encoding:Png:Filter: 'Diagonal' is not one of None, Sub, Up, Average, Paeth, Adaptive",
            "Layers:0:Id: 'a b' may only hold",
            "Layers:0:Source:Url: is required",
            "Layers:0:Render:Rescale:0: expected [min, max]",
            "Layers:0:Render:Resampling: 'lanczos' is not one of",
            "Layers:0:Render:Colour: unknown key",
            "Layers:2:Id: duplicate layer id 'x'",
        ];
        foreach (var text in expected)
            Assert.Contains(error.Errors, e => e.StartsWith(text, StringComparison.Ordinal));
        Assert.Equal(expected.Length, error.Errors.Count);
    }

    [Fact]
    public void Read_SourceFiles_AreResolvedAndDated()
    {
        var options = Read("""
            { "Layers": [ { "Id": "scenes", "Time": { "Resolution": "P1D" }, "Source": { "Type": "cog", "Files": [
              { "Url": "a.tif", "Datetime": "2024-01-15" }, { "Url": "https://x.example/b.tif", "Datetime": "2024-04-14T08:42:51Z" } ] } } ] }
            """);

        var source = Assert.Single(options.Layers).Source;
        Assert.Equal("", source.Url);
        Assert.Empty(source.Options);
        Assert.Equal([Path.Combine(Path.GetDirectoryName(ConfigFile)!, "a.tif"), "https://x.example/b.tif"], source.Files!.Select(f => f.Url));
        var day = DateTimeOffset.Parse("2024-01-15T00:00:00Z", CultureInfo.InvariantCulture);
        Assert.Equal(day, source.Files![0].Time.Start);
        Assert.True(source.Files[0].Time.End > day.AddHours(23));
        Assert.Equal(source.Files[1].Time.Start, source.Files[1].Time.End);
    }

    [Fact]
    public void Read_BadSourceFiles_AreListedTogether()
    {
        var error = Assert.Throws<ConfigurationException>(() => Read("""
            { "Layers": [
              { "Id": "a", "Source": { "Type": "cog", "Files": [ { "Url": "a.tif", "Datetime": "2024-01-15" } ] } },
              { "Id": "b", "Time": {"Resolution": "P1D"}, "Source": { "Type": "cog", "Url": "x.tif", "Files": [ { "Url": "a.tif", "Datetime": "soon", "Size": 1 }, { "Datetime": "2024" } ] } }
            ] }
            """));

        string[] expected =
        [
            "Layers:0:Source:Files: Files dates each file, so the layer needs Time",
            "Layers:1:Source:Url: give either Url or Files, not both",
            "Layers:1:Source:Files:0:Size: unknown key (known keys: Url, Datetime)",
            "Layers:1:Source:Files:0:Datetime: 'soon' is not an ISO 8601 time",
            "Layers:1:Source:Files:1:Url: is required",
        ];
        foreach (var text in expected)
            Assert.Contains(error.Errors, e => e.StartsWith(text, StringComparison.Ordinal));
        Assert.Equal(expected.Length, error.Errors.Count);
    }

    [Fact]
    public void Read_OgcPluginsAndHealth_AreBound()
    {
        var options = Read("""
            { "Ogc": { "MaxWidth": 2048, "MaxHeight": 1024 }, "Plugins": { "Directory": "/srv/ogctiler/plugins" }, "Health": { "Details": true } }
            """);

        Assert.Equal(new OgcOptions(2048, 1024), options.Ogc);
        Assert.Equal("/srv/ogctiler/plugins", options.Plugins.ResolveDirectory());
        Assert.True(options.Health.Details);
    }

    [Fact]
    public void Read_NoOgcPluginsOrHealth_GivesTheDefaults()
    {
        var options = Read("{}");

        Assert.Equal(new OgcOptions(4096, 4096), options.Ogc);
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "plugins"), options.Plugins.ResolveDirectory());
        Assert.False(options.Health.Details);
    }

    [Fact]
    public void Read_BadOgcPluginsAndHealth_AreStartUpErrorsListedTogether()
    {
        var error = Assert.Throws<ConfigurationException>(() => Read("""
            { "Ogc": { "MaxWidth": "abc", "MaxHeight": 0, "MaxDepth": 1 }, "Plugins": { "Folder": "x" }, "Health": { "Details": "yes" } }
            """));

        string[] expected =
        [
            "Ogc:MaxDepth: unknown key (known keys: MaxWidth, MaxHeight)",
            "Ogc:MaxWidth: 'abc' is not an integer in 1..16384",
            "Ogc:MaxHeight: '0' is not an integer in 1..16384",
            "Plugins:Folder: unknown key (known keys: Directory)",
            "Health:Details: 'yes' is not true or false",
        ];
        foreach (var text in expected)
            Assert.Contains(error.Errors, e => e.StartsWith(text, StringComparison.Ordinal));
        Assert.Equal(expected.Length, error.Errors.Count);
    }

    [Fact]
    public void Read_ViewerBasemap_IsBound_AndOffByDefault()
    {
        var options = Read("""{ "Viewer": { "BasemapUrl": "https://tiles.example.com/{z}/{x}/{y}.png", "BasemapAttribution": "© Example" } }""");

        Assert.Equal(new ViewerOptions("https://tiles.example.com/{z}/{x}/{y}.png", "© Example"), options.Viewer);
        Assert.Null(Read("{}").Viewer.BasemapUrl);
    }

    [Theory]
    [InlineData("tiles.example.com/{z}/{x}/{y}.png")]
    [InlineData("file:///tiles/{z}/{x}/{y}.png")]
    [InlineData("https://tiles.example.com/{z}/{x}.png")]
    public void Read_ViewerBasemapNotAnHttpTileTemplate_IsAnError(string url)
    {
        var error = Assert.Throws<ConfigurationException>(() => Read($$"""{ "Viewer": { "BasemapUrl": "{{url}}", "Basemap": 1 } }"""));

        Assert.Equal(2, error.Errors.Count);
        Assert.Contains($"Viewer:BasemapUrl: '{url}' is not an http(s) URL template with {{z}}, {{x}} and {{y}}", error.Errors);
        Assert.Contains("Viewer:Basemap: unknown key (known keys: BasemapUrl, BasemapAttribution)", error.Errors);
    }

    [Fact]
    public void Read_EnvironmentStyleOverride_ReplacesFileValue()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes("""{ "Cache": { "Tiles": { "Enabled": true } } }""")))
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Cache:Tiles:Enabled"] = "false", ["Sources:AllowedRoots:0"] = "/data" })
            .Build();

        var options = ServerOptionsReader.Read(configuration, ConfigFile, ["Cache"]);

        Assert.False(options.Cache.Tiles.Enabled);
        Assert.Equal(["/data"], options.Sources.AllowedRoots);
    }

    private static ServerOptions Read(string json)
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        return ServerOptionsReader.Read(configuration, ConfigFile, configuration.GetChildren().Select(c => c.Key));
    }
}
