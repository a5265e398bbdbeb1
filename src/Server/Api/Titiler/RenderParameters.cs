using System.Collections.Frozen;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Rendering;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Api.Titiler;

/// <summary>TiTiler's dataset and post-processing parameters → <see cref="RenderOptions"/>.</summary>
internal static class RenderParameters
{
    public static readonly FrozenDictionary<string, ResamplingMethod> ResamplingNames = new Dictionary<string, ResamplingMethod>
    {
        ["nearest"] = ResamplingMethod.Nearest,
        ["bilinear"] = ResamplingMethod.Bilinear,
        ["cubic"] = ResamplingMethod.Cubic,
        ["average"] = ResamplingMethod.Average,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// <c>bidx</c>, <c>expression</c>, <c>rescale</c>, <c>color_formula</c>, <c>colormap_name</c>, <c>colormap</c>,
    /// <c>resampling</c>, <c>reproject</c>, <c>nodata</c>, <c>unscale</c>, <c>return_mask</c>.
    /// </summary>
    public static RenderOptions Parse(QueryReader query, IColormapProvider? colormaps) => new()
    {
        Bidx = Bidx(query),
        Expression = query.String("expression"),
        Rescale = Rescale(query),
        ColorFormula = query.String("color_formula"),
        ColormapName = ColormapName(query, colormaps),
        Colormap = query.String("colormap"),
        Resampling = query.Choice("resampling", ResamplingNames) ?? ResamplingMethod.Nearest,
        Reproject = query.Choice("reproject", ResamplingNames) ?? ResamplingMethod.Nearest,
        Nodata = query.Double("nodata"),
        Unscale = query.Bool("unscale") ?? false,
        ReturnMask = query.Bool("return_mask") ?? true,
    };

    public static IReadOnlyList<int>? Bidx(QueryReader query)
    {
        var values = query.CommaList("bidx");
        return values.Count == 0 ? null : values.Select(v => QueryReader.ParseInt("bidx", v, 1)).ToArray();
    }

    /// <summary>Each <c>rescale</c> value is "min,max" (brackets allowed, as TiTiler strips them).</summary>
    public static IReadOnlyList<ValueRange>? Rescale(QueryReader query)
    {
        var values = query.List("rescale");
        if (values.Count == 0)
            return null;
        var ranges = new List<ValueRange>(values.Count);
        foreach (var value in values)
            ranges.Add(ParseRange("rescale", value));
        return ranges;
    }

    public static ValueRange ParseRange(string name, string value)
    {
        var parts = value.Replace("[", "").Replace("]", "").Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 2)
            throw new InvalidParameterException(name, $"{name}: '{value}' must be 'min,max' (two numbers separated by a comma)");
        var min = QueryReader.ParseDouble(name, parts[0]);
        var max = QueryReader.ParseDouble(name, parts[1]);
        if (double.IsNaN(min) || double.IsNaN(max))
            throw new InvalidParameterException(name, $"{name}: '{value}' must be two numbers, not nan");
        return new ValueRange(min, max);
    }

    private static string? ColormapName(QueryReader query, IColormapProvider? colormaps)
    {
        var name = query.String("colormap_name");
        if (name is null || colormaps is null || colormaps.TryGet(name, out _))
            return name;
        throw new InvalidParameterException("colormap_name",
            $"colormap_name: '{name}' is not one of {string.Join(", ", colormaps.Names.Order(StringComparer.Ordinal))}");
    }
}
