using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Crs.Text;
using OgcTiler.Server.Api.Grids;

namespace OgcTiler.Server.Api.Endpoints;

/// <summary>TiTiler's Info model (rio-tiler) from a dataset's header or a source's description.</summary>
internal static class InfoDocuments
{
    public static Dictionary<string, object?> FromDataset(RasterInfo info)
    {
        var names = Enumerable.Range(1, info.BandCount).Select(i => $"b{i}").ToArray();
        var document = Common(info.Crs, info.NativeBounds, info.DataType, info.Nodata, info.HasMask, names, info.Bands);
        document["colorinterp"] = info.Bands.Select(b => b.ColorInterpretation ?? "gray").ToArray();
        document["driver"] = "GTiff";
        document["count"] = info.BandCount;
        document["width"] = info.Width;
        document["height"] = info.Height;
        document["overviews"] = info.Overviews.Select(o => (int)Math.Round((double)info.Width / o.Width)).ToArray();
        document["blockxsize"] = info.BlockWidth;
        document["blockysize"] = info.BlockHeight;
        if (info.Nodata is null && info.Bands.Any(b => b.IsAlpha))
            document["nodata_type"] = "Alpha";
        // rio-tiler's Info lists the recorded STATISTICS_MINIMUM/MAXIMUM of the bands that have them
        var minmax = info.Bands.Where(b => b.Statistics is not null).Select(b => new[] { b.Statistics!.Value.Minimum, b.Statistics.Value.Maximum }).ToArray();
        if (minmax.Length > 0)
            document["minmax"] = minmax;
        return document;
    }

    public static Dictionary<string, object?> FromSource(SourceInfo info)
    {
        var document = Common(info.Crs, info.NativeBounds, info.DataType, info.Nodata, false, info.BandNames, info.Bands);
        document["count"] = info.BandNames.Count;
        document["width"] = info.Width;
        document["height"] = info.Height;
        return document;
    }

    /// <summary>
    /// info.geojson: the WGS84 footprint as a Polygon feature, or as TiTiler's bounds_to_geometry a MultiPolygon of the
    /// parts west and east of the antimeridian when MinX &gt; MaxX; the info (without bounds) as properties.
    /// </summary>
    public static Dictionary<string, object?> Feature(Bounds wgs84, Dictionary<string, object?> info, string url)
    {
        var properties = new Dictionary<string, object?>(info);
        properties.Remove("bounds");
        properties["dataset"] = url;
        return new Dictionary<string, object?>
        {
            ["type"] = "Feature",
            ["bbox"] = new[] { wgs84.MinX, wgs84.MinY, wgs84.MaxX, wgs84.MaxY },
            ["geometry"] = wgs84.MinX > wgs84.MaxX
                ? new Dictionary<string, object?>
                {
                    ["type"] = "MultiPolygon",
                    ["coordinates"] = new[] { Box(-180, wgs84.MinY, wgs84.MaxX, wgs84.MaxY), Box(wgs84.MinX, wgs84.MinY, 180, wgs84.MaxY) },
                }
                : new Dictionary<string, object?> { ["type"] = "Polygon", ["coordinates"] = Box(wgs84.MinX, wgs84.MinY, wgs84.MaxX, wgs84.MaxY) },
            ["properties"] = properties,
        };
    }

    /// <summary>
    /// rio-tiler's Info crs (<c>CRS_to_uri(crs) or crs.to_wkt()</c>): the OGC URI of the EPSG code, also the one a
    /// user-defined CRS is identified as, else the CRS's WKT1 as GDAL reads it.
    /// </summary>
    private static string InfoCrs(string crs) =>
        BoundsTransform.AuthorityUri(crs) ?? (CrsRegistry.Default.TryResolve(crs, out var user) && user.Wkt is { } wkt ? GdalWkt.Of(wkt) : crs);

    private static double[][][] Box(double minX, double minY, double maxX, double maxY) =>
        [[[minX, minY], [maxX, minY], [maxX, maxY], [minX, maxY], [minX, minY]]];

    public static string DataTypeName(RasterDataType type) => type.ToString().ToLowerInvariant();

    private static Dictionary<string, object?> Common(
        string crs, Bounds bounds, RasterDataType type, double? nodata, bool hasMask, IReadOnlyList<string> names, IReadOnlyList<BandInfo> bands)
    {
        var document = new Dictionary<string, object?>
        {
            ["bounds"] = new[] { bounds.MinX, bounds.MinY, bounds.MaxX, bounds.MaxY },
            ["crs"] = InfoCrs(crs),
            ["band_metadata"] = names.Select(n => new object[] { n, new Dictionary<string, string>() }).ToArray(),
            ["band_descriptions"] = names.Select((n, i) => new object[] { n, i < bands.Count && !string.IsNullOrEmpty(bands[i].Description) ? bands[i].Description! : n }).ToArray(),
            ["dtype"] = DataTypeName(type),
            ["nodata_type"] = nodata is not null ? "Nodata" : hasMask ? "Mask" : "None",
            ["scales"] = bands.Select(b => b.Scale).ToArray(),
            ["offsets"] = bands.Select(b => b.Offset).ToArray(),
            // null when there is none, and for NaN (not a JSON number), as TiTiler.
            ["nodata_value"] = nodata is { } value && !double.IsNaN(value) ? value : null,
        };
        return document;
    }
}
