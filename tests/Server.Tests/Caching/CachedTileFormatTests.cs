using System.Text;
using OgcTiler.Server.Caching;

namespace OgcTiler.Server.Tests.Caching;

/// <summary>The layout of a tile in Redis: what one instance writes another reads back, and nothing else parses.</summary>
public sealed class CachedTileFormatTests
{
    private static readonly CachedTile Tile = new([1, 2, 3, 250], "image/png", "\"00ff\"", DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));

    [Fact]
    public void Written_ReadsBackEqual()
    {
        var read = CachedTileFormat.Read(CachedTileFormat.Write(Tile));

        Assert.NotNull(read);
        Assert.Equal(Tile.Bytes, read.Bytes);
        Assert.Equal(Tile.ContentType, read.ContentType);
        Assert.Equal(Tile.ETag, read.ETag);
        Assert.Equal(Tile.Rendered, read.Rendered);
    }

    [Fact]
    public void EveryTruncation_ReadsAsNull()
    {
        var value = CachedTileFormat.Write(Tile);

        for (var length = 0; length < value.Length; length++)
            Assert.Null(CachedTileFormat.Read(value.AsSpan(0, length)));
    }

    [Fact]
    public void TheFirstLayoutWithoutARenderTime_ReadsAsNull()
    {
        var value = CachedTileFormat.Write(Tile);
        Encoding.ASCII.GetBytes("OTT1").CopyTo(value, 0);

        Assert.Null(CachedTileFormat.Read(value));
        Assert.Null(CachedTileFormat.Read("not a tile"u8));
    }
}
