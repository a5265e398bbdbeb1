namespace OgcTiler.Server.Rendering;

/// <summary>Linear stretch of float samples to 8 bits, as rio-tiler's linear_rescale followed by a cast to uint8.</summary>
internal static class Rescaler
{
    /// <summary>
    /// The range for output band <paramref name="band"/> of <paramref name="bandCount"/>: its own when every band has
    /// one, the first for all when fewer are given, 0..255 (a plain clamp) when none.
    /// </summary>
    public static ValueRange RangeFor(IReadOnlyList<ValueRange>? ranges, int band, int bandCount) =>
        ranges is null || ranges.Count == 0 ? new ValueRange(0, 255) : ranges.Count < bandCount ? ranges[0] : ranges[band];

    /// <summary>Writes band values to every <paramref name="step"/>-th byte of <paramref name="output"/>, starting at index 0.</summary>
    public static void ToBytes(ReadOnlySpan<float> values, ValueRange range, Span<byte> output, int step)
    {
        var (min, span) = Span(range);
        var o = 0;
        for (var i = 0; i < values.Length; i++, o += step)
        {
            var v = (values[i] - min) / span * 255f;
            output[o] = v >= 255f ? (byte)255 : v > 0f ? (byte)v : (byte)0; // NaN fails both tests and gives 0
        }
    }

    /// <summary>
    /// <see cref="ToBytes"/> in double precision, for the whole range of a data type (float32's span overflows a
    /// float; float64's is infinite and gives 0, as in numpy) or a dataset's recorded minimum and maximum. Masked
    /// pixels give 0, as in titiler's rescale_array.
    /// </summary>
    public static void DataTypeToBytes(ReadOnlySpan<float> values, ReadOnlySpan<byte> mask, ValueRange range, Span<byte> output, int step)
    {
        var span = range.Max - range.Min;
        var o = 0;
        for (var i = 0; i < values.Length; i++, o += step)
        {
            var v = mask[i] == 0 ? 0 : (Math.Clamp(values[i], range.Min, range.Max) - range.Min) / span * 255;
            output[o] = v >= 255 ? (byte)255 : v > 0 ? (byte)v : (byte)0; // NaN fails both tests and gives 0
        }
    }

    /// <summary>The rescaled values as floats truncated to whole 0..255 steps, for colormaps that take 8-bit indexes.</summary>
    public static void ToIndexes(ReadOnlySpan<float> values, ValueRange range, Span<float> output)
    {
        var (min, span) = Span(range);
        for (var i = 0; i < values.Length; i++)
        {
            var v = (values[i] - min) / span * 255f;
            output[i] = v >= 255f ? 255f : v > 0f ? MathF.Floor(v) : 0f;
        }
    }

    // Divide, then multiply by 255, in that order: a value equal to max then gives exactly 255, as in rio-tiler.
    private static (float Min, float Span) Span(ValueRange range) =>
        ((float)range.Min, range.Max > range.Min ? (float)(range.Max - range.Min) : float.PositiveInfinity);
}
