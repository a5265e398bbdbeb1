namespace OgcTiler.Server.Api.Algorithms;

/// <summary>numpy.gradient of a row-major band: central difference inside, one-sided at the edges.</summary>
internal static class NumpyGradient
{
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
