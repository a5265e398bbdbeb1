using System.Text;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Server.Api.Timeseries;

internal enum SeriesFormat { Json, Csv, Png, Svg }

/// <summary>The outputs of a time series: JSON (default), CSV, and the plot as PNG or SVG.</summary>
internal static class SeriesFormats
{
    public static SeriesFormat Parse(string? extension) => extension?.ToLowerInvariant() switch
    {
        null or "json" => SeriesFormat.Json,
        "csv" => SeriesFormat.Csv,
        "png" => SeriesFormat.Png,
        "svg" => SeriesFormat.Svg,
        _ => throw new InvalidParameterException("format", $"format: '{extension}' is not json, csv, png or svg"),
    };

    public static IResult Write(SeriesFormat format, IReadOnlyList<SeriesValue> values, string grouping, Bounds bbox)
    {
        if (format is SeriesFormat.Png or SeriesFormat.Svg && values[0].Bands.Count != 1)
            throw new InvalidParameterException("format", $"format: a plot shows one band, the request reads {values[0].Bands.Count} (choose one asset, band or expression)");
        return format switch
        {
            SeriesFormat.Csv => Results.Text(SeriesDocuments.Csv(values), "text/csv; charset=utf-8", Encoding.UTF8),
            SeriesFormat.Png => Results.Bytes(SeriesPlot.Png(values), "image/png"),
            SeriesFormat.Svg => Results.Bytes(SeriesPlot.Svg(values), "image/svg+xml"),
            _ => Results.Json(SeriesDocuments.Json(values, grouping, bbox)),
        };
    }
}
