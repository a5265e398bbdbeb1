using System.Globalization;
using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Server.Rendering;

/// <summary>
/// How to turn source pixels into a picture, with TiTiler's parameter names in PascalCase. Used by config layers
/// (<c>Render</c>, <c>Styles</c>) and filled from request parameters. Null means "not given".
/// </summary>
public sealed record RenderOptions
{
    /// <summary>1-based band indexes (TiTiler <c>bidx</c>).</summary>
    public IReadOnlyList<int>? Bidx { get; init; }

    /// <summary>Band math; several outputs separated by ';'.</summary>
    public string? Expression { get; init; }

    /// <summary>Band names to read when there is no expression (asset names for STAC sources).</summary>
    public IReadOnlyList<string>? Bands { get; init; }

    /// <summary>One (min, max) per output band; the first applies to all bands when fewer are given.</summary>
    public IReadOnlyList<ValueRange>? Rescale { get; init; }

    public string? ColormapName { get; init; }

    /// <summary>A TiTiler <c>colormap</c> JSON value.</summary>
    public string? Colormap { get; init; }

    public string? ColorFormula { get; init; }

    public ResamplingMethod Resampling { get; init; } = ResamplingMethod.Nearest;

    public ResamplingMethod Reproject { get; init; } = ResamplingMethod.Nearest;

    public double? Nodata { get; init; }

    public bool Unscale { get; init; }

    public bool ReturnMask { get; init; } = true;

    /// <summary>What the source read takes of these options.</summary>
    public ReadOptions Read => new(Resampling, Reproject, Nodata, Unscale);

    /// <summary>Returns these options with every value given in <paramref name="overrides"/> replacing this one's.</summary>
    public RenderOptions With(RenderOptions overrides) => new()
    {
        Bidx = overrides.Bidx ?? Bidx,
        Expression = overrides.Expression ?? Expression,
        Bands = overrides.Bands ?? Bands,
        Rescale = overrides.Rescale ?? Rescale,
        ColormapName = overrides.ColormapName ?? ColormapName,
        Colormap = overrides.Colormap ?? Colormap,
        ColorFormula = overrides.ColorFormula ?? ColorFormula,
        Resampling = overrides.Resampling != ResamplingMethod.Nearest ? overrides.Resampling : Resampling,
        Reproject = overrides.Reproject != ResamplingMethod.Nearest ? overrides.Reproject : Reproject,
        Nodata = overrides.Nodata ?? Nodata,
        Unscale = overrides.Unscale || Unscale,
        ReturnMask = overrides.ReturnMask && ReturnMask,
    };
}

public readonly record struct ValueRange(double Min, double Max)
{
    /// <summary>Two numbers (or <c>nan</c>), min &lt; max.</summary>
    public static bool TryParse(IReadOnlyList<string> parts, out ValueRange range)
    {
        range = default;
        if (parts.Count != 2 || !TryParseNumber(parts[0], out var min) || !TryParseNumber(parts[1], out var max) || !(min < max))
            return false;
        range = new ValueRange(min, max);
        return true;
    }

    /// <summary>A number in invariant culture, or <c>nan</c> (any case), surrounding spaces allowed.</summary>
    public static bool TryParseNumber(string text, out double value)
    {
        var t = text.Trim();
        if (t.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }
        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
