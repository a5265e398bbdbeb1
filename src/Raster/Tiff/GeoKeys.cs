namespace OgcTiler.Raster.Tiff;

/// <summary>
/// What the reader needs from a GeoTIFF's GeoKeyDirectory: the EPSG code, or a user-defined projection on an EPSG
/// geographic CRS, and whether pixels are points.
/// </summary>
internal sealed record GeoKeys(int? Epsg, UserProjection? Projection, bool PixelIsPoint)
{
    private const int ModelType = 1024;
    private const int RasterType = 1025;
    private const int GeographicType = 2048;
    private const int ProjectedType = 3072;
    private const int ProjCoordTrans = 3075;
    private const int ProjLinearUnits = 3076;
    private const int UserDefined = 32767;
    private const int TransverseMercator = 1;
    private const int Metre = 9001;

    public static GeoKeys Parse(string uri, IReadOnlyDictionary<ushort, TiffField> fields)
    {
        if (!fields.TryGetValue(TiffTag.GeoKeyDirectory, out var field))
            return new GeoKeys(null, null, false);
        var doubles = fields.TryGetValue(TiffTag.GeoDoubleParams, out var d) ? d.AsDoubles(uri) : [];
        var (keys, values) = Read(uri, field.AsIntegers(uri), doubles);
        keys.TryGetValue(ModelType, out var model);
        var pixelIsPoint = keys.TryGetValue(RasterType, out var raster) && raster == 2;
        keys.TryGetValue(GeographicType, out var geographic);
        if (keys.TryGetValue(ProjectedType, out var projected) && model != 2)
            return projected == UserDefined
                ? new GeoKeys(null, UserProjected(uri, keys, values, geographic), pixelIsPoint)
                : new GeoKeys(projected, null, pixelIsPoint);
        if (geographic != 0)
            return new GeoKeys(Code(uri, geographic, "GeographicTypeGeoKey"), null, pixelIsPoint);
        return new GeoKeys(null, null, pixelIsPoint);
    }

    /// <summary>A user-defined projected CRS: supported for Transverse Mercator in metres on an EPSG geographic CRS.</summary>
    private static UserProjection UserProjected(string uri, Dictionary<int, int> keys, Dictionary<int, double> values, int geographic)
    {
        var baseCode = Code(uri, geographic, "GeographicTypeGeoKey of a user-defined projected CRS");
        if (baseCode == 0)
            throw TiffErrors.Format(uri, "user-defined projected CRS without GeographicTypeGeoKey is not supported");
        if (!keys.TryGetValue(ProjCoordTrans, out var method) || method != TransverseMercator)
            throw TiffErrors.Format(uri, $"user-defined projected CRS with ProjCoordTransGeoKey = {method} is not supported: only Transverse Mercator (1) is");
        if (keys.TryGetValue(ProjLinearUnits, out var unit) && unit != Metre)
            throw TiffErrors.Format(uri, $"user-defined projected CRS with ProjLinearUnitsGeoKey = {unit} is not supported: only metre (9001) is");
        // libgeotiff reads the natural-origin keys and falls back to the centre keys
        double Value(int key, int fallback) => values.TryGetValue(key, out var v) ? v : values.GetValueOrDefault(fallback);
        return new UserProjection(baseCode,
            LatitudeOfOrigin: Value(3081, 3089),
            CentralMeridian: Value(3080, 3088),
            ScaleFactor: values.GetValueOrDefault(3092, 1),
            FalseEasting: Value(3082, 3090),
            FalseNorthing: Value(3083, 3091));
    }

    private static int Code(string uri, int code, string key) => code == UserDefined
        ? throw TiffErrors.Format(uri, $"user-defined CRS ({key} = 32767) is not supported: only EPSG codes are")
        : code;

    /// <summary>Short keys stored inline (TIFFTagLocation 0) and double keys stored in GeoDoubleParams; ASCII keys are not needed.</summary>
    private static (Dictionary<int, int>, Dictionary<int, double>) Read(string uri, ulong[] directory, double[] doubles)
    {
        if (directory.Length < 4)
            throw TiffErrors.Format(uri, "GeoKeyDirectory is too short");
        var count = (int)Math.Min(directory[3], (ulong)(directory.Length - 4) / 4);
        var keys = new Dictionary<int, int>();
        var values = new Dictionary<int, double>();
        for (var i = 0; i < count; i++)
        {
            var entry = directory.AsSpan(4 + i * 4, 4);
            if (entry[1] == 0)
                keys[(int)entry[0]] = (int)entry[3];
            else if (entry[1] == TiffTag.GeoDoubleParams && entry[2] == 1 && entry[3] < (ulong)doubles.Length)
                values[(int)entry[0]] = doubles[(int)entry[3]];
        }
        return (keys, values);
    }
}

/// <summary>A Transverse Mercator projection (degrees and metres) on the EPSG geographic CRS <see cref="GeographicEpsg"/>.</summary>
internal sealed record UserProjection(int GeographicEpsg, double LatitudeOfOrigin, double CentralMeridian, double ScaleFactor, double FalseEasting, double FalseNorthing);
