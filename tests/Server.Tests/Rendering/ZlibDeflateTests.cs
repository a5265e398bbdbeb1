using System.IO.Compression;
using OgcTiler.Server.Rendering.Encoders;

namespace OgcTiler.Server.Tests.Rendering;

public sealed class ZlibDeflateTests
{
    [Fact]
    public void Libdeflate_IsFound_WhenLibdeflate0IsInstalled()
    {
        Assert.True(File.Exists("/usr/lib/x86_64-linux-gnu/libdeflate.so.0"), "the tests need Debian libdeflate0 (.ci/run installs it)");
        Assert.True(ZlibDeflate.UsesLibdeflate);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(6)]
    [InlineData(9)]
    public void Compress_BothLibraries_InflateBackToTheInput(int level)
    {
        var random = new Random(level);
        var input = Enumerable.Range(0, 200_000).Select(i => (byte)(i / 300 + random.Next(4))).ToArray();

        foreach (var compress in new Action<ReadOnlySpan<byte>, int, Stream>[] { ZlibDeflate.Compress, ZlibDeflate.CompressWithZlib })
        {
            using var compressed = new MemoryStream();
            compressed.WriteByte(0xAB);   // output is appended to what the stream holds
            compress(input, level, compressed);

            compressed.Position = 1;
            using var inflated = new MemoryStream();
            using (var zlib = new ZLibStream(compressed, CompressionMode.Decompress))
                zlib.CopyTo(inflated);
            Assert.Equal(input, inflated.ToArray());
        }
    }

    [Fact]
    public void Compress_EmptyInput_IsAValidEmptyStream()
    {
        using var compressed = new MemoryStream();
        ZlibDeflate.Compress([], 2, compressed);

        compressed.Position = 0;
        using var zlib = new ZLibStream(compressed, CompressionMode.Decompress);
        Assert.Equal(-1, zlib.ReadByte());
    }
}
