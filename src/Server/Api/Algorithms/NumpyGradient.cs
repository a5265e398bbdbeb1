using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Server.Api.Algorithms;

/// <summary>numpy.gradient of a row-major band: central difference inside, one-sided at the edges.</summary>
internal static class NumpyGradient
{
    /// <summary>
    /// One band named <paramref name="name"/> of the input less <paramref name="buffer"/> pixels on every side, each
    /// pixel the <paramref name="value"/> of band 1's gradients there (along the rows, then along the columns), masked
    /// as the input pixel.
    /// </summary>
    public static RasterData Map(RasterData input, int buffer, string name, Func<double, double, float> value)
    {
        int w = input.Width, h = input.Height;
        var output = RasterData.Create(Math.Max(1, w - 2 * buffer), Math.Max(1, h - 2 * buffer), [name]);
        var dem = input.Band(0);
        var target = output.Band(0);
        for (var row = 0; row < output.Height; row++)
        {
            var sy = Math.Min(row + buffer, h - 1);
            for (var col = 0; col < output.Width; col++)
            {
                var sx = Math.Min(col + buffer, w - 1);
                var o = row * output.Width + col;
                target[o] = value(At(dem, w, h, sx, sy, alongRows: true), At(dem, w, h, sx, sy, alongRows: false));
                output.Mask[o] = input.Mask[sy * w + sx];
            }
        }
        return output;
    }

    /// <summary>Along axis 0 (down the rows) when <paramref name="alongRows"/>, else along axis 1 (the columns).</summary>
    public static double At(ReadOnlySpan<float> band, int w, int h, int x, int y, bool alongRows)
    {
        int n = alongRows ? h : w, i = alongRows ? y : x;
        if (n < 2)
            return 0;
        int start = alongRows ? x : y * w, stride = alongRows ? w : 1;
        if (i == 0)
            return band[start + stride] - band[start];
        if (i == n - 1)
            return band[start + (n - 1) * stride] - band[start + (n - 2) * stride];
        return (band[start + (i + 1) * stride] - band[start + (i - 1) * stride]) / 2.0;
    }
}
