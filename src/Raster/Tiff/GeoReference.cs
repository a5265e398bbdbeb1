using OgcTiler.Raster.Geometry;
using OgcTiler.Raster.Warp;

namespace OgcTiler.Raster.Tiff;

/// <summary>The affine georeferencing of a GeoTIFF, following GDAL's reading of the model tags.</summary>
internal static class GeoReference
{
    public static GeoTransform Read(string uri, IReadOnlyDictionary<ushort, TiffField> fields, bool pixelIsPoint)
    {
        var transform = FromModelTransformation(uri, fields) ?? FromTiepoint(uri, fields)
            ?? throw TiffErrors.Format(uri, "no georeferencing (neither ModelPixelScale with ModelTiepoint nor ModelTransformation)");
        if (!pixelIsPoint)
            return transform;
        // GDAL's convention: a PixelIsPoint tiepoint names a pixel centre, so the corner lies half a pixel before it.
        return transform with
        {
            X0 = transform.X0 - 0.5 * transform.Dx - 0.5 * transform.Rx,
            Y0 = transform.Y0 - 0.5 * transform.Ry - 0.5 * transform.Dy,
        };
    }

    /// <summary>
    /// The ground control points of a file georeferenced by several tie points and neither ModelPixelScale nor
    /// ModelTransformation, as GDAL reads them (a PixelIsPoint tie point names a pixel centre); null otherwise.
    /// </summary>
    public static IReadOnlyList<Gcp>? ReadGcps(string uri, IReadOnlyDictionary<ushort, TiffField> fields, bool pixelIsPoint)
    {
        if (fields.ContainsKey(TiffTag.ModelTransformation) || fields.ContainsKey(TiffTag.ModelPixelScale)
            || !fields.TryGetValue(TiffTag.ModelTiepoint, out var tie))
            return null;
        var t = tie.AsDoubles(uri);
        if (t.Length < 12)
            return null;
        var centre = pixelIsPoint ? 0.5 : 0;
        var gcps = new Gcp[t.Length / 6];
        for (var i = 0; i < gcps.Length; i++)
            gcps[i] = new Gcp(t[6 * i] + centre, t[6 * i + 1] + centre, t[6 * i + 3], t[6 * i + 4]);
        return gcps.All(g => double.IsFinite(g.Pixel) && double.IsFinite(g.Line) && double.IsFinite(g.X) && double.IsFinite(g.Y))
            ? gcps
            : throw TiffErrors.Format(uri, "a ground control point (ModelTiepoint) is not a finite number");
    }

    private static GeoTransform? FromModelTransformation(string uri, IReadOnlyDictionary<ushort, TiffField> fields)
    {
        if (!fields.TryGetValue(TiffTag.ModelTransformation, out var field))
            return null;
        var m = field.AsDoubles(uri);
        if (m.Length < 16)
            throw TiffErrors.Format(uri, $"ModelTransformation has {m.Length} values, expected 16");
        return Checked(uri, new GeoTransform(m[3], m[0], m[1], m[7], m[4], m[5]));
    }

    private static GeoTransform? FromTiepoint(string uri, IReadOnlyDictionary<ushort, TiffField> fields)
    {
        if (!fields.TryGetValue(TiffTag.ModelTiepoint, out var tie) || !fields.TryGetValue(TiffTag.ModelPixelScale, out var scale))
            return null;
        var t = tie.AsDoubles(uri);
        var s = scale.AsDoubles(uri);
        if (t.Length < 6 || s.Length < 2)
            throw TiffErrors.Format(uri, "ModelTiepoint or ModelPixelScale has too few values");
        return Checked(uri, new GeoTransform(t[3] - t[0] * s[0], s[0], 0, t[4] + t[1] * s[1], 0, -s[1]));
    }

    private static GeoTransform Checked(string uri, GeoTransform gt)
    {
        var values = gt.ToArray();
        if (values.Any(v => !double.IsFinite(v)) || gt.Dx * gt.Dy - gt.Rx * gt.Ry == 0)
            throw TiffErrors.Format(uri, $"georeferencing is degenerate ({string.Join(", ", values)})");
        return gt;
    }
}
