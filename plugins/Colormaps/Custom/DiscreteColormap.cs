using System.Runtime.InteropServices;
using OgcTiler.Abstractions.Rendering;

namespace OgcTiler.Plugins.Colormaps.Custom;

/// <summary>Categorical classes: a pixel equal to a class value gets its colour; any other value is transparent.</summary>
internal sealed class DiscreteColormap : IColormap
{
    private readonly float[] _values;
    private readonly uint[] _colors;

    public DiscreteColormap(IEnumerable<ColormapEntry> entries)
    {
        var sorted = entries.GroupBy(e => (float)e.Min).Select(g => g.Last()).OrderBy(e => e.Min).ToArray();
        Entries = sorted;
        _values = [.. sorted.Select(e => (float)e.Min)];
        _colors = [.. sorted.Select(e => (uint)(e.R | e.G << 8 | e.B << 16 | e.A << 24))];
    }

    public IReadOnlyList<ColormapEntry> Entries { get; }

    public void Apply(ReadOnlySpan<float> values, Span<byte> mask, Span<byte> rgba)
    {
        var output = MemoryMarshal.Cast<byte, uint>(rgba);
        for (var i = 0; i < values.Length; i++)
        {
            var index = mask[i] == 0 ? -1 : Array.BinarySearch(_values, values[i]);
            var color = index >= 0 ? _colors[index] : 0u;
            output[i] = color;
            if (color >> 24 == 0)
                mask[i] = 0;
        }
    }
}
