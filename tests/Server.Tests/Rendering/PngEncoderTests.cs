using OgcTiler.Server.Rendering;
using OgcTiler.Server.Rendering.Encoders;
using SkiaSharp;

namespace OgcTiler.Server.Tests.Rendering;

public sealed class PngEncoderTests
{
    public static TheoryData<PngFilter, int, int> Cases()
    {
        var data = new TheoryData<PngFilter, int, int>();
        foreach (var filter in Enum.GetValues<PngFilter>())
        {
            for (var channels = 1; channels <= 4; channels++)
                data.Add(filter, channels, filter == PngFilter.Paeth ? 9 : 1);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Encode_DecodesBackToTheSamePixels(PngFilter filter, int channels, int zlibLevel)
    {
        using var image = Pattern(67, 45, channels);

        var png = new PngEncoder(new PngOptions(filter, zlibLevel)).Encode(image);

        using var decoded = SKBitmap.Decode(png, new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        Assert.NotNull(decoded);
        var pixels = image.Pixels;
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var p = pixels.Slice((y * image.Width + x) * channels, channels);
                var expected = channels switch
                {
                    1 => new SKColor(p[0], p[0], p[0], 255),
                    2 => new SKColor(p[0], p[0], p[0], p[1]),
                    3 => new SKColor(p[0], p[1], p[2], 255),
                    _ => new SKColor(p[0], p[1], p[2], p[3]),
                };
                var actual = decoded.GetPixel(x, y);
                // Fully transparent pixels may lose their colour in Skia's decode; only the alpha must survive.
                Assert.Equal(expected.Alpha, actual.Alpha);
                if (expected.Alpha != 0)
                    Assert.Equal(expected, actual);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Encode_16Bit_DecodesBackToTheSameSamples(PngFilter filter, int channels, int zlibLevel)
    {
        using var image = new PixelImage(67, 45, channels, 16);
        var random = new Random(5);
        var expected = new ushort[67 * 45 * channels];
        for (var i = 0; i < expected.Length; i++)
        {
            expected[i] = (ushort)(i * 977 + random.Next(300));
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(image.Pixels[(2 * i)..], expected[i]);
        }

        var png = PngSamples.Decode(new PngEncoder(new PngOptions(filter, zlibLevel)).Encode(image));

        Assert.Equal((16, channels switch { 1 => 0, 2 => 4, 3 => 2, _ => 6 }), (png.BitDepth, png.ColourType));
        Assert.Equal(expected, png.Samples);
    }

    [Fact]
    public void Encode_GreyTile_UsesOneByteChannelsAndColourType0()
    {
        using var image = Pattern(256, 256, 1);

        var png = new PngEncoder(new PngOptions(PngFilter.Up, 1)).Encode(image);

        Assert.Equal("IHDR"u8.ToArray(), png[12..16]);
        Assert.Equal(8, png[24]);  // bit depth
        Assert.Equal(0, png[25]);  // colour type grey
    }

    /// <summary>A smooth gradient with some noise and, where there is alpha, a transparent corner.</summary>
    internal static PixelImage Pattern(int width, int height, int channels)
    {
        var image = new PixelImage(width, height, channels);
        var random = new Random(3);
        var pixels = image.Pixels;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = (y * width + x) * channels;
                for (var c = 0; c < channels; c++)
                    pixels[i + c] = (byte)(x * 3 + y * (c + 1) + random.Next(8));
                if (channels is 2 or 4)
                    pixels[i + channels - 1] = x + y < 20 ? (byte)0 : (byte)255;
            }
        }
        return image;
    }
}
