using System.Runtime.InteropServices;
using OgcTiler.Raster.Codecs;

namespace OgcTiler.Raster.Tests.Codecs;

public sealed class PredictorTests
{
    [Theory]
    [InlineData(1, 1, 37)]
    [InlineData(1, 3, 33)]
    [InlineData(2, 1, 1)]
    [InlineData(2, 1, 7)]
    [InlineData(2, 1, 8)]
    [InlineData(2, 1, 519)]
    [InlineData(2, 4, 65)]
    [InlineData(4, 1, 70)]
    [InlineData(4, 2, 70)]
    [InlineData(8, 1, 70)]
    public void UndoHorizontal_RandomRows_RestoresTheDifferencedSamples(int bytesPerSample, int samples, int width)
    {
        const int rows = 3;
        var random = new Random(width * 31 + bytesPerSample);
        var original = new byte[rows * width * samples * bytesPerSample];
        random.NextBytes(original);
        var data = Difference(original, rows, width * samples, samples, bytesPerSample);

        Predictors.UndoHorizontal(data, rows, width * samples, samples, bytesPerSample);

        Assert.Equal(original, data);
    }

    [Fact]
    public void UndoFloatingPoint_KnownRow_GivesNativeFloats()
    {
        // Two float32 samples, 1.0f (3F800000) and -2.5f (C0200000), as libtiff's fpDiff stores them:
        // byte planes most significant first [3F C0 | 80 20 | 00 00 | 00 00], then each byte minus the one before.
        byte[] planes = [0x3F, 0xC0, 0x80, 0x20, 0x00, 0x00, 0x00, 0x00];
        var data = new byte[8];
        data[0] = planes[0];
        for (var i = 1; i < 8; i++)
            data[i] = (byte)(planes[i] - planes[i - 1]);

        Predictors.UndoFloatingPoint(data, 1, 2, 1, 4);

        Assert.Equal([1.0f, -2.5f], MemoryMarshal.Cast<byte, float>(data).ToArray());
    }

    private static byte[] Difference(byte[] original, int rows, int rowSamples, int samples, int size)
    {
        var data = (byte[])original.Clone();
        for (var r = 0; r < rows; r++)
        {
            for (var i = rowSamples - 1; i >= samples; i--)
            {
                var at = (r * rowSamples + i) * size;
                var before = (r * rowSamples + i - samples) * size;
                ulong value = 0, previous = 0;
                for (var b = size - 1; b >= 0; b--)
                {
                    value = value << 8 | original[at + b];
                    previous = previous << 8 | original[before + b];
                }
                var difference = value - previous;
                for (var b = 0; b < size; b++)
                    data[at + b] = (byte)(difference >> (8 * b));
            }
        }
        return data;
    }
}
