namespace OgcTiler.Abstractions.Rendering;

/// <summary>A colour for the values from <see cref="Min"/> to <see cref="Max"/> (equal for a discrete class).</summary>
public readonly record struct ColormapEntry(double Min, double Max, byte R, byte G, byte B, byte A);

/// <summary>Maps single-band values (after rescale) to RGBA.</summary>
public interface IColormap
{
    /// <summary>The classes or the 256 ramp entries, for legends and for the /colorMaps endpoint.</summary>
    IReadOnlyList<ColormapEntry> Entries { get; }

    /// <summary>
    /// Writes 4 bytes per pixel into <paramref name="rgba"/> for each valid pixel; pixels mapped to no class, or to
    /// a class whose alpha is 0, get 0 in <paramref name="mask"/>.
    /// </summary>
    void Apply(ReadOnlySpan<float> values, Span<byte> mask, Span<byte> rgba);
}

public interface IColormapProvider
{
    IReadOnlyCollection<string> Names { get; }

    bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IColormap? colormap);

    /// <summary>Parses a TiTiler <c>colormap=</c> JSON value (discrete classes or intervals).</summary>
    IColormap Parse(string json);
}
