using System.Security.Cryptography;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Server.Rendering;
using OgcTiler.Server.Seeding.Outputs;

namespace OgcTiler.Server.Tests.Seeding.Outputs;

/// <summary>The PMTiles writer, read back by Protomaps' own reader (see <see cref="PmTilesReader"/>).</summary>
public sealed class PmTilesOutputTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ogctiler-pmtiles-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Ported from protomaps/PMTiles js/test/v3.test.ts ("zxy to tile id").</summary>
    [Theory]
    [InlineData(0, 0, 0, 0UL)]
    [InlineData(1, 0, 0, 1UL)]
    [InlineData(1, 0, 1, 2UL)]
    [InlineData(1, 1, 1, 3UL)]
    [InlineData(1, 1, 0, 4UL)]
    [InlineData(2, 0, 0, 5UL)]
    public void TileId_FollowsTheHilbertCurvesOfTheSpec(int z, int x, int y, ulong id) =>
        Assert.Equal(id, PmTilesDirectory.TileId(z, x, y));

    /// <summary>
    /// Every tile of zooms 0-8 (87,381), written from several threads in a shuffled order, with random sizes so the
    /// directory cannot fit in the first 16 KiB; the left half of zoom 8 is one blank tile, which the first half of its
    /// Hilbert curve covers, so it is stored once as one run.
    /// </summary>
    [Fact]
    public async Task ManyTiles_AreSplitIntoLeafDirectories_AndTheReaderFindsEachTilesBytes()
    {
        const int MaxZoom = 8;
        var random = new Random(14);
        var blank = new byte[] { 137, 80, 78, 71, 0, 0, 0, 0 };
        var tiles = new List<(TileAddress Tile, byte[] Bytes)>();
        for (var z = 0; z <= MaxZoom; z++)
            for (var x = 0; x < 1 << z; x++)
                for (var y = 0; y < 1 << z; y++)
                    tiles.Add((new TileAddress(z, x, y), z == MaxZoom && x < 1 << (MaxZoom - 1) ? blank : RandomTile(random)));
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(tiles));
        var path = Path.Combine(_folder, "many.pmtiles");

        await using (var output = PmTilesOutput.Create(path, ImageFormat.Png))
        {
            await Parallel.ForEachAsync(tiles, new ParallelOptions { MaxDegreeOfParallelism = 4 }, (t, c) => output.WriteAsync(t.Tile, t.Bytes, c));
            await output.CompleteAsync(new TileSetInfo("many", "Many tiles", ImageFormat.Png, 0, MaxZoom, new Bounds(-180, -85.05, 180, 85.05)), CancellationToken.None);
        }

        var names = tiles.Select(t => Name(t.Tile)).Append($"{MaxZoom + 1}/0/0").ToList();
        var (header, metadata, read) = await PmTilesReader.ReadAsync(path, names);
        var blankTiles = 1 << (2 * MaxZoom - 1);
        Assert.Equal(3, header.GetProperty("specVersion").GetInt32());
        Assert.True(header.GetProperty("leafDirectoryLength").GetInt64() > 0, "the directory should have been split into leaves");
        Assert.True(header.GetProperty("rootDirectoryOffset").GetInt64() + header.GetProperty("rootDirectoryLength").GetInt64() <= 16_384);
        Assert.True(header.GetProperty("clustered").GetBoolean());
        Assert.Equal(tiles.Count, header.GetProperty("numAddressedTiles").GetInt64());
        Assert.Equal(tiles.Count - blankTiles + 1, header.GetProperty("numTileEntries").GetInt64());
        Assert.Equal(tiles.Count - blankTiles + 1, header.GetProperty("numTileContents").GetInt64());
        Assert.Equal(2, header.GetProperty("tileType").GetInt32());
        Assert.Equal(MaxZoom, header.GetProperty("maxZoom").GetInt32());
        Assert.Equal(-85.05, header.GetProperty("minLat").GetDouble(), 7);
        Assert.Equal("many", metadata.GetProperty("name").GetString());
        var wrong = tiles.Where(t => read[Name(t.Tile)] != Hash(t.Bytes)).Select(t => Name(t.Tile)).Take(10).ToList();
        Assert.True(wrong.Count == 0, $"tiles read back with other bytes: {string.Join(", ", wrong)}");
        Assert.Null(read[$"{MaxZoom + 1}/0/0"]);
    }

    [Fact]
    public async Task ARunStoppedBeforeComplete_LeavesNoArchiveAndNoSideFile()
    {
        var path = Path.Combine(_folder, "stopped.pmtiles");

        await using (var output = PmTilesOutput.Create(path, ImageFormat.Png))
            await output.WriteAsync(new TileAddress(3, 1, 2), [1, 2, 3], CancellationToken.None);

        Assert.Empty(Directory.GetFiles(_folder));
    }

    private static byte[] RandomTile(Random random)
    {
        var bytes = new byte[random.Next(16, 600)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Name(TileAddress t) => $"{t.Zoom}/{t.Col}/{t.Row}";

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
