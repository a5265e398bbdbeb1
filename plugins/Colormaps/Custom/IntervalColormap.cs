using System.Runtime.InteropServices;
using OgcTiler.Abstractions.Rendering;

namespace OgcTiler.Plugins.Colormaps.Custom;

/// <summary>
/// Intervals [min, max): a pixel takes the colour of the last interval containing it (rio-tiler applies them in
/// order, later ones overwriting); values in none are transparent.
/// </summary>
internal sealed class IntervalColormap(IReadOnlyList<ColormapEntry> entries) : IColormap
{
    private readonly ColormapEntry[] _entries = [.. entries];

    public IReadOnlyList<ColormapEntry> Entries => _entries;

    public void Apply(ReadOnlySpan<float> values, Span<byte> mask, Span<byte> rgba)
    {
        var output = MemoryMarshal.Cast<byte, uint>(rgba);
        for (var i = 0; i < values.Length; i++)
        {
            var color = mask[i] == 0 ? 0u : Find(values[i]);
            output[i] = color;
            if (color >> 24 == 0)
                mask[i] = 0;
        }
    }

    private uint Find(double value)
    {
        for (var k = _entries.Length - 1; k >= 0; k--)
        {
            var e = _entries[k];
            if (value >= e.Min && value < e.Max)
                return (uint)(e.R | e.G << 8 | e.B << 16 | e.A << 24);
        }
        return 0;
    }
}
