using System.Globalization;
using Microsoft.Extensions.Primitives;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Api.Titiler;

/// <summary>
/// TiTiler's render query parameters (bidx, expression, rescale, colormap_name, ...) → <see cref="RenderOptions"/>:
/// read once by the door (/cog, /stac, /layers), which hands the pipeline typed options.
/// </summary>
public static class RenderParameters
{
    /// <summary>Reads the render parameters present in <paramref name="query"/>; absent ones stay null/default.</summary>
    public static RenderOptions Parse(IQueryCollection query) => new()
    {
        Bidx = ParseBidx(query["bidx"]),
        Expression = Single(query, "expression"),
        Rescale = ParseRescale(query["rescale"]),
        ColormapName = Single(query, "colormap_name"),
        Colormap = Single(query, "colormap"),
        ColorFormula = Single(query, "color_formula"),
        Resampling = ParseResampling(query, "resampling"),
        Reproject = ParseResampling(query, "reproject"),
        Nodata = Single(query, "nodata") is { } n ? ParseNumber("nodata", n) : null,
        Unscale = ParseBool(query, "unscale", false),
        ReturnMask = ParseBool(query, "return_mask", true),
    };

    private static string? Single(IQueryCollection query, string name)
    {
        var values = query[name];
        return values.Count == 0 || string.IsNullOrWhiteSpace(values[^1]) ? null : values[^1];
    }

    /// <summary>bidx=1&amp;bidx=2 or bidx=1,2.</summary>
    private static IReadOnlyList<int>? ParseBidx(StringValues values)
    {
        if (values.Count == 0)
            return null;
        var bands = new List<int>();
        foreach (var part in values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var band) || band < 1)
                throw new InvalidParameterException("bidx", $"bidx: '{part}' is not a band index (1, 2, ...)");
            bands.Add(band);
        }
        return bands.Count == 0 ? null : bands;
    }

    /// <summary>One <c>rescale=min,max</c> per output band; brackets are dropped (<c>[0, 1]</c>, as TiTiler's validate_rescale).</summary>
    private static IReadOnlyList<ValueRange>? ParseRescale(StringValues values)
    {
        if (values.Count == 0)
            return null;
        var ranges = new List<ValueRange>();
        foreach (var value in values)
        {
            if (!ValueRange.TryParse((value ?? "").Replace("[", "").Replace("]", "").Split(','), out var range))
                throw new InvalidParameterException("rescale", $"rescale: '{value}' is not 'min,max' with min < max (e.g. rescale=0,3000)");
            ranges.Add(range);
        }
        return ranges;
    }

    private static ResamplingMethod ParseResampling(IQueryCollection query, string name)
    {
        if (Single(query, name) is not { } text)
            return ResamplingMethod.Nearest;
        return Resamplings.TryParse(text, out var method)
            ? method
            : throw new InvalidParameterException(name, $"{name}: '{text}' is not one of {string.Join(", ", Resamplings.Names)}");
    }

    private static bool ParseBool(IQueryCollection query, string name, bool fallback)
    {
        if (Single(query, name) is not { } text)
            return fallback;
        return text.ToLowerInvariant() switch
        {
            "true" or "1" or "yes" => true,
            "false" or "0" or "no" => false,
            _ => throw new InvalidParameterException(name, $"{name}: '{text}' is not true or false"),
        };
    }

    private static double ParseNumber(string name, string text) =>
        ValueRange.TryParseNumber(text, out var value) ? value : throw new InvalidParameterException(name, $"{name}: '{text}' is not a number");
}
