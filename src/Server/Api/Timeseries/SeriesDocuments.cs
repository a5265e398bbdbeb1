using System.Globalization;
using System.Text;
using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Server.Api.Timeseries;

/// <summary>The JSON and CSV answers of a time series.</summary>
internal static class SeriesDocuments
{
    /// <summary>
    /// <c>{group_by, bbox, series: [{datetime, items, valid, statistics: {b1: …}}]}</c>, each band's statistics as the
    /// <c>statistics</c> endpoint writes them (nulls and a count of 0 where the date has no valid pixel).
    /// </summary>
    public static Dictionary<string, object?> Json(IReadOnlyList<SeriesValue> values, string grouping, Bounds bbox) => new()
    {
        ["group_by"] = grouping,
        ["bbox"] = new[] { bbox.MinX, bbox.MinY, bbox.MaxX, bbox.MaxY },
        ["series"] = values.Select(v => new Dictionary<string, object?>
        {
            ["datetime"] = v.Label,
            ["items"] = v.Items,
            ["valid"] = v.HasData,
            ["statistics"] = v.Bands.ToDictionary(b => b.Name, b => (object?)b.Statistics.ToJson(b.Description)),
        }).ToArray(),
    };

    /// <summary>One row per date and band; empty cells where a date has no valid pixel; item ids joined by ';'.</summary>
    public static string Csv(IReadOnlyList<SeriesValue> values)
    {
        var percentiles = values.SelectMany(v => v.Bands).FirstOrDefault()?.Statistics.Percentiles.Select(p => p.Percentile).ToArray() ?? [];
        var csv = new StringBuilder("datetime,items,band,min,max,mean,std,median,count,valid_pixels,masked_pixels,valid_percent");
        foreach (var p in percentiles)
            csv.Append(CultureInfo.InvariantCulture, $",percentile_{p}");
        csv.Append("\r\n");
        foreach (var value in values)
        {
            foreach (var band in value.Bands)
            {
                var s = band.Statistics;
                csv.Append(Field(value.Label)).Append(',').Append(Field(string.Join(';', value.Items))).Append(',').Append(Field(band.Name));
                foreach (var number in new[] { s.Min, s.Max, s.Mean, s.Std, s.Median, s.Count, s.ValidPixels, s.MaskedPixels, s.ValidPercent })
                    csv.Append(',').Append(Number(number));
                foreach (var (_, percentile) in s.Percentiles)
                    csv.Append(',').Append(Number(percentile));
                csv.Append("\r\n");
            }
        }
        return csv.ToString();
    }

    private static string Number(double value) => double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "";

    /// <summary>RFC 4180: a field holding a comma, quote or line break is quoted, quotes doubled.</summary>
    private static string Field(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
}
