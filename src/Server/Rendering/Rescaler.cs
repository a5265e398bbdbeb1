namespace OgcTiler.Server.Rendering;

/// <summary>Linear stretch of float samples to 8 bits, as rio-tiler's linear_rescale followed by a cast to uint8.</summary>
internal static class Rescaler
{
    /// <summary>The range for output band <paramref name="band"/>: its own, the first when fewer are given, else 0..255 (a clamp).</summary>
    public static ValueRange RangeFor(IReadOnlyList<ValueRange>? ranges, int band) =>
        ranges is null || ranges.Count == 0 ? new ValueRange(0, 255) : ranges[Math.Min(band, ranges.Count - 1)];

    /// <summary>Writes band values to every <paramref name="step"/>-th byte of <paramref name="output"/>, starting at index 0.</summary>
    public static void ToBytes(ReadOnlySpan<float> values, ValueRange range, Span<byte> output, int step)
    {
        var min = (float)range.Min;
        var scale = range.Max > range.Min ? (float)(255.0 / (range.Max - range.Min)) : 0f;
        var o = 0;
        for (var i = 0; i < values.Length; i++, o += step)
        {
            var v = (values[i] - min) * scale;
            output[o] = v >= 255f ? (byte)255 : v > 0f ? (byte)v : (byte)0; // NaN fails both tests and gives 0
        }
    }

    /// <summary>The rescaled values as floats truncated to whole 0..255 steps, for colormaps that take 8-bit indexes.</summary>
    public static void ToIndexes(ReadOnlySpan<float> values, ValueRange range, Span<float> output)
    {
        var min = (float)range.Min;
        var scale = range.Max > range.Min ? (float)(255.0 / (range.Max - range.Min)) : 0f;
        for (var i = 0; i < values.Length; i++)
        {
            var v = (values[i] - min) * scale;
            output[i] = v >= 255f ? 255f : v > 0f ? MathF.Floor(v) : 0f;
        }
    }
}
