using System.Text.Json;
using OgcTiler.TestSupport;

namespace OgcTiler.Server.Tests.Seeding.Outputs;

/// <summary>
/// Protomaps' own PMTiles reader (the <c>pmtiles</c> npm package in Node, tests/interop/pmtiles/read-pmtiles.mjs),
/// installed from that folder's lock file with <c>npm ci</c> on first use.
/// </summary>
internal static class PmTilesReader
{
    private static readonly Lazy<Task> Installed = new(InstallAsync);

    private static string Folder => Path.Combine(RepoPaths.Root, "tests", "interop", "pmtiles");

    /// <summary>The reader's header and metadata of the archive, and the SHA-256 (hex) of each tile asked for, null for a tile it does not find.</summary>
    public static async Task<(JsonElement Header, JsonElement Metadata, IReadOnlyDictionary<string, string?> Tiles)> ReadAsync(string archive, IEnumerable<string> tiles)
    {
        await Installed.Value;
        var list = Path.GetTempFileName();
        try
        {
            await File.WriteAllLinesAsync(list, tiles);
            var output = ExternalProcess.Checked("node", [], await ExternalProcess.RunAsync("node", [Path.Combine(Folder, "read-pmtiles.mjs"), archive, list]));
            var root = JsonDocument.Parse(output).RootElement;
            var hashes = root.GetProperty("tiles").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
            return (root.GetProperty("header"), root.GetProperty("metadata"), hashes);
        }
        finally
        {
            File.Delete(list);
        }
    }

    private static async Task InstallAsync()
    {
        if (!Directory.Exists(Path.Combine(Folder, "node_modules", "pmtiles")))
            await ExternalProcess.RunCheckedAsync("npm", "--prefix", Folder, "ci", "--no-audit", "--no-fund", "--loglevel=error");
    }
}
