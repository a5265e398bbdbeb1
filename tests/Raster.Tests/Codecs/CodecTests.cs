using System.IO.Compression;
using OgcTiler.Raster.Codecs;

namespace OgcTiler.Raster.Tests.Codecs;

public sealed class CodecTests
{
    private static readonly BlockFormat Format = new(16, 16, 1, 1, null);

    [Fact]
    public void PackBits_SpecExample_Decodes()
    {
        // The example of TIFF 6.0 section 9 (Apple's PackBits).
        byte[] packed = [0xFE, 0xAA, 0x02, 0x80, 0x00, 0x2A, 0xFD, 0xAA, 0x03, 0x80, 0x00, 0x2A, 0x22, 0xF7, 0xAA];
        byte[] expected = [0xAA, 0xAA, 0xAA, 0x80, 0x00, 0x2A, 0xAA, 0xAA, 0xAA, 0xAA, 0x80, 0x00, 0x2A, 0x22, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA];
        var output = new byte[expected.Length];

        Assert.Equal(expected.Length, new PackBitsCodec().Decode(packed, output, Format));
        Assert.Equal(expected, output);
    }

    [Theory]
    [InlineData(LercCodec.WrapNone)]
    [InlineData(LercCodec.WrapZstd)]
    public void Lerc_CorruptBlob_IsInvalidData(int wrapping)
    {
        // A LERC2 header magic followed by garbage: liblerc rejects it, the codec reports corrupt data.
        var blob = System.Text.Encoding.ASCII.GetBytes("Lerc2 ").Concat(Enumerable.Repeat((byte)0x5A, 40)).ToArray();
        var stored = wrapping == LercCodec.WrapZstd ? new ZstdSharp.Compressor().Wrap(blob).ToArray() : blob;

        var e = Assert.Throws<InvalidDataException>(() => new LercCodec().Decode(stored, new byte[16 * 16 * 4], Format with { LercWrapping = wrapping }));
        Assert.Contains("lerc_", e.Message);
    }

    [Fact]
    public void Lzw_HandEncodedCodes_Decode()
    {
        // Codes (9 bits, MSB first): Clear, 'A', 'B', 258 ("AB"), 260 ("ABA", the KwKwK case), EOI.
        var packed = PackCodes([256, 65, 66, 258, 260, 257], 9);
        var output = new byte[16];

        var written = new LzwCodec().Decode(packed, output, Format);

        Assert.Equal("ABABABA", System.Text.Encoding.ASCII.GetString(output, 0, written));
    }

    [Fact]
    public void Deflate_NativeAndStreamPaths_AgreeWithTheEncoder()
    {
        var raw = new byte[70_000];
        new Random(5).NextBytes(raw.AsSpan(0, 30_000));
        var packed = Zlib(raw);
        var native = new byte[raw.Length];
        var stream = new byte[raw.Length];

        Assert.Equal(raw.Length, new DeflateCodec().Decode(packed, native, Format));
        Assert.Equal(raw.Length, DeflateCodec.DecodeWithStream(packed, stream));
        Assert.Equal(raw, native);
        Assert.Equal(raw, stream);
    }

    [Fact]
    public void Deflate_Libdeflate_InflatesAsZlib_AndDeclinesWhatItCannotFinish()
    {
        var libdeflate = Libdeflate.Instance;
        Assert.True(libdeflate is not null, "the tests need Debian libdeflate0 (.ci/run installs it)");
        var raw = new byte[70_000];
        new Random(7).NextBytes(raw.AsSpan(0, 30_000));
        var packed = Zlib(raw);
        var output = new byte[raw.Length];
        var zlib = new byte[raw.Length];

        Assert.Equal(raw.Length, libdeflate.ZlibDecompress(packed, output));
        Assert.Equal(raw.Length, ZlibInflater.TryInflate(packed, zlib));
        Assert.Equal(raw, output);
        Assert.Equal(raw, zlib);
        Assert.Null(libdeflate.ZlibDecompress(packed, new byte[raw.Length - 1]));          // more output than room: zlib's call
        Assert.Null(libdeflate.ZlibDecompress(packed.AsSpan(0, packed.Length / 2), output)); // cut short: zlib's call
        Assert.Equal(raw.Length - 1, new DeflateCodec().Decode(packed, new byte[raw.Length - 1], Format));
    }

    [Fact]
    public void Deflate_TruncatedStream_ReturnsWhatItDecoded()
    {
        var raw = new byte[50_000];
        new Random(6).NextBytes(raw);
        var packed = Zlib(raw);
        var output = new byte[raw.Length];

        var written = new DeflateCodec().Decode(packed.AsMemory(0, packed.Length / 2), output, Format);

        Assert.InRange(written, 1, raw.Length - 1);
        Assert.Equal(raw.AsSpan(0, written).ToArray(), output.AsSpan(0, written).ToArray());
    }

    public static TheoryData<string> Names() => ["none", "LZW", "DEFLATE", "PackBits", "ZSTD", "JPEG", "WEBP"];

    /// <summary>Random input to every codec: it returns some bytes or throws InvalidDataException, nothing else.</summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void Decode_RandomBytes_ReturnsOrThrowsInvalidData(string name)
    {
        var codec = new[] { 1, 5, 7, 8, 32773, 50000, 50001 }.Select(c => CodecRegistry.Find(c)!).Single(c => c.Name == name);
        var random = new Random(name.Length);
        var output = new byte[64 * 64 * 4];
        for (var i = 0; i < 200; i++)
        {
            var input = new byte[random.Next(0, 600)];
            random.NextBytes(input);
            if (i % 2 == 0 && input.Length > 4)
                (input[0], input[1], input[2]) = (0x78, 0x9C, 0xFF);   // plausible zlib / JPEG starts
            try
            {
                var written = codec.Decode(input, output, new BlockFormat(64, 64, 3, 2, null));
                Assert.InRange(written, 0, output.Length);
            }
            catch (InvalidDataException)
            {
            }
        }
    }

    private static byte[] Zlib(byte[] raw)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest))
            zlib.Write(raw);
        return output.ToArray();
    }

    private static byte[] PackCodes(int[] codes, int width)
    {
        var bits = new List<bool>();
        foreach (var code in codes)
            for (var b = width - 1; b >= 0; b--)
                bits.Add(((code >> b) & 1) != 0);
        var bytes = new byte[(bits.Count + 7) / 8];
        for (var i = 0; i < bits.Count; i++)
            if (bits[i])
                bytes[i / 8] |= (byte)(0x80 >> (i % 8));
        return bytes;
    }
}
