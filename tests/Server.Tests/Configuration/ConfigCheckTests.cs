using OgcTiler.TestSupport;

namespace OgcTiler.Server.Tests.Configuration;

/// <summary><c>--check-config</c> and start-up errors, through the real server process.</summary>
public sealed class ConfigCheckTests
{
    [Fact]
    public async Task CheckConfig_ShippedConfig_ExitsZeroWithoutServing()
    {
        var (exit, output, error) = await RunServerAsync("--check-config", "--config", Path.Combine(RepoPaths.Config, "ogctiler.json"));

        Assert.True(exit == 0, error);
        Assert.StartsWith("configuration is valid: ", output.TrimEnd().Split('\n')[^1]);
        Assert.DoesNotContain("Now listening", output);
    }

    [Fact]
    public async Task CheckConfig_BadConfig_ExitsOneListingEveryError_WithoutAStackTrace()
    {
        var (exit, _, error) = await CheckAsync("""
            { "Ogc": { "MaxWidth": "abc" }, "Plugins": { "Folder": "x" },
              "Layers": [ { "Id": "a", "Source": { "Type": "cog", "Url": "a.tif" }, "TileMatrixSets": ["Mercator"] } ] }
            """);

        Assert.Equal(1, exit);
        Assert.Contains("Ogc:MaxWidth: 'abc' is not an integer", error);
        Assert.Contains("Plugins:Folder: unknown key", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task CheckConfig_UnknownTileMatrixSet_ExitsOneNamingIt()
    {
        var (exit, _, error) = await CheckAsync("""
            { "Layers": [ { "Id": "a", "Source": { "Type": "cog", "Url": "a.tif" }, "TileMatrixSets": ["Mercator"] } ] }
            """);

        Assert.Equal(1, exit);
        Assert.Contains("Layers:0:TileMatrixSets: unknown TileMatrixSet 'Mercator'", error);
    }

    [Fact]
    public async Task CheckConfig_PluginSourceOptionsAndTypes_AreCheckedAgainstTheLoadedPlugins()
    {
        var (exit, _, error) = await CheckAsync("""
            { "Layers": [
                { "Id": "item", "Source": { "Type": "stac-item", "Url": "item.json", "Assets": "B04", "Asets": "B08" } },
                { "Id": "search", "Source": { "Type": "stac-search", "Url": "https://example.com/search", "max-items": "5", "pixel_selection": "first" } },
                { "Id": "typo", "Source": { "Type": "stac-itm", "Url": "item.json" } },
                { "Id": "cog", "Source": { "Type": "cog", "Url": "a.tif", "Bands": "1" } } ] }
            """);

        Assert.Equal(1, exit);
        Assert.Contains("Layers:0:Source:Asets: source type 'stac-item' has no option 'Asets' (its options: assets)", error);
        Assert.Contains("Layers:2:Source:Type: no built-in provider or plugin", error);
        Assert.Contains("provides 'stac-itm'", error);
        Assert.Contains("Layers:3:Source:Bands: source type 'cog' has no option 'Bands' (it takes only Url)", error);
        Assert.DoesNotContain("Layers:1:", error);
        Assert.Contains("3 configuration error(s)", error);
    }

    [Fact]
    public async Task CheckConfig_DatedFilesOfAnotherBandCount_ExitsOneNamingThem()
    {
        var folder = Directory.CreateTempSubdirectory("ogctiler-check-").FullName;
        try
        {
            foreach (var (file, bands) in new[] { ("one.tif", "1"), ("three.tif", "3") })
            {
                await ExternalProcess.RunCheckedAsync("gdal_create", "-of", "GTiff", "-outsize", "8", "8", "-bands", bands, "-a_srs", "EPSG:4326",
                    "-a_ullr", "0", "1", "1", "0", Path.Combine(folder, file));
            }
            var config = Path.Combine(folder, "ogctiler.json");
            await File.WriteAllTextAsync(config, """
                { "Sources": { "AllowedRoots": ["."] },
                  "Layers": [ { "Id": "dated", "Time": { "Resolution": "P1D" }, "Source": { "Type": "cog", "Files": [
                    { "Url": "one.tif", "Datetime": "2024-01-01" }, { "Url": "three.tif", "Datetime": "2024-01-02" } ] } } ] }
                """);

            var (exit, _, error) = await RunServerAsync("--check-config", "--config", config);

            Assert.Equal(1, exit);
            Assert.Contains("Layers:0:Source:Files: layer 'dated': the files of a layer share CRS, band count and data type", error);
            Assert.Contains("three.tif (EPSG:4326, 3 band(s) of UInt8)", error);
            Assert.DoesNotContain("   at ", error);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The server's own assembly (built beside the tests) run with <c>dotnet</c>, bounded to a minute.</summary>
    private static Task<ProcessResult> RunServerAsync(params string[] arguments) =>
        ExternalProcess.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "OgcTiler.Server.dll"), .. arguments], TimeSpan.FromMinutes(1));

    /// <summary><c>--check-config</c> on a config file holding <paramref name="json"/>, in a temporary folder.</summary>
    private static async Task<ProcessResult> CheckAsync(string json)
    {
        var folder = Directory.CreateTempSubdirectory("ogctiler-check-").FullName;
        try
        {
            var config = Path.Combine(folder, "ogctiler.json");
            await File.WriteAllTextAsync(config, json);
            return await RunServerAsync("--check-config", "--config", config);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
