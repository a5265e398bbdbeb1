using System.Globalization;
using System.Xml;
using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Raster.Tiff;

/// <summary>
/// GDAL's private tags: per-band scale, offset, description and recorded statistics (minimum and maximum) from
/// GDAL_METADATA (XML), and GDAL_NODATA.
/// </summary>
internal static class GdalMetadata
{
    public static double? Nodata(IReadOnlyDictionary<ushort, TiffField> fields)
    {
        if (!fields.TryGetValue(TiffTag.GdalNodata, out var field))
            return null;
        var text = field.AsString().Trim();
        return text.ToLowerInvariant() switch
        {
            "nan" or "-nan" => double.NaN,
            "inf" or "+inf" or "infinity" => double.PositiveInfinity,
            "-inf" or "-infinity" => double.NegativeInfinity,
            _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null,
        };
    }

    /// <summary>
    /// One entry per band; bands the metadata does not mention get scale 1, offset 0, no description, and statistics
    /// only when both STATISTICS_MINIMUM and STATISTICS_MAXIMUM are numbers.
    /// </summary>
    public static BandInfo[] Bands(string uri, IReadOnlyDictionary<ushort, TiffField> fields, int bandCount, Func<int, string?> colorInterpretation)
    {
        var scales = new double[bandCount];
        var offsets = new double[bandCount];
        var descriptions = new string?[bandCount];
        var minimums = new double?[bandCount];
        var maximums = new double?[bandCount];
        Array.Fill(scales, 1);
        if (fields.TryGetValue(TiffTag.GdalMetadata, out var field))
            ReadItems(uri, field.AsString(), (band, key, value) =>
            {
                if (band < 0 || band >= bandCount)
                    return;
                switch (key)
                {
                    case "scale": scales[band] = Number(value) ?? 1; break;
                    case "offset": offsets[band] = Number(value) ?? 0; break;
                    case "description": descriptions[band] = value; break;
                    case "STATISTICS_MINIMUM": minimums[band] = Number(value); break;
                    case "STATISTICS_MAXIMUM": maximums[band] = Number(value); break;
                }
            });
        return Enumerable.Range(0, bandCount)
            .Select(b => new BandInfo(descriptions[b], scales[b], offsets[b], colorInterpretation(b),
                minimums[b] is { } min && maximums[b] is { } max ? (min, max) : null))
            .ToArray();
    }

    /// <summary>A dataset item of the default domain (such as INTERNAL_MASK_FLAGS_1), or null.</summary>
    public static string? DatasetItem(string uri, IReadOnlyDictionary<ushort, TiffField> fields, string name)
    {
        string? found = null;
        if (fields.TryGetValue(TiffTag.GdalMetadata, out var field))
            ReadItems(uri, field.AsString(), (band, key, value) => found = band < 0 && key == name ? value : found);
        return found;
    }

    private static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>
    /// Calls <paramref name="item"/> with (band, key, text) for every item: the key is the role for GDAL's own
    /// items (scale, offset, description), the name for items of the default metadata domain (STATISTICS_MINIMUM, ...);
    /// the band is -1 for dataset items.
    /// </summary>
    private static void ReadItems(string uri, string xml, Action<int, string, string> item)
    {
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            // ReadElementContentAsString leaves the reader on the next node, so only Read() when it did not move.
            var moved = false;
            while (moved || reader.Read())
            {
                moved = false;
                if (reader.NodeType != XmlNodeType.Element || reader.Name != "Item")
                    continue;
                var sample = reader.GetAttribute("sample");
                var key = reader.GetAttribute("role") ?? (reader.GetAttribute("domain") is null ? reader.GetAttribute("name") : null);
                var band = -1;
                if (key is null || (sample is not null && !int.TryParse(sample, CultureInfo.InvariantCulture, out band)))
                    continue;
                item(band, key, reader.ReadElementContentAsString());
                moved = true;
            }
        }
        catch (XmlException e)
        {
            throw TiffErrors.Format(uri, $"GDAL_METADATA is not valid XML: {e.Message}", e);
        }
    }
}
