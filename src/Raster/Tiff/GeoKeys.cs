namespace OgcTiler.Raster.Tiff;

/// <summary>
/// What the reader needs from a GeoTIFF's GeoKeyDirectory: the EPSG code of the CRS, or the keys of a user-defined
/// one (ProjectedCSTypeGeoKey or GeographicTypeGeoKey = 32767, built by <see cref="GeoKeyCrs"/>), and whether pixels
/// are points.
/// </summary>
internal sealed record GeoKeys(int? Epsg, GeoKeyDirectory? UserDefined, bool PixelIsPoint)
{
    public static GeoKeys Parse(string uri, IReadOnlyDictionary<ushort, TiffField> fields)
    {
        if (!fields.TryGetValue(TiffTag.GeoKeyDirectory, out var field))
            return new GeoKeys(null, null, false);
        var directory = GeoKeyDirectory.Read(uri, field.AsIntegers(uri),
            fields.TryGetValue(TiffTag.GeoDoubleParams, out var d) ? d.AsDoubles(uri) : [],
            fields.TryGetValue(TiffTag.GeoAsciiParams, out var a) ? a.AsString() : "");
        var model = directory.Short(GeoKey.ModelType);
        var pixelIsPoint = directory.Short(GeoKey.RasterType) == 2;
        var projected = directory.Short(GeoKey.ProjectedType);
        var geographic = directory.Short(GeoKey.GeographicType);
        if (projected is { } p && p != 0 && model != GeoKey.ModelGeographic)
            return p == GeoKey.UserDefined ? new GeoKeys(null, directory, pixelIsPoint) : new GeoKeys(p, null, pixelIsPoint);
        if (geographic is { } g && g != 0)
            return g == GeoKey.UserDefined ? new GeoKeys(null, directory, pixelIsPoint) : new GeoKeys(g, null, pixelIsPoint);
        // no CRS code, but a projection method or datum: user-defined as well (libgeotiff reads it the same way)
        if (directory.Short(GeoKey.ProjCoordTrans) is not null || directory.Short(GeoKey.GeogGeodeticDatum) is not null
            || directory.Double(GeoKey.GeogSemiMajorAxis) is not null)
            return new GeoKeys(null, directory, pixelIsPoint);
        return new GeoKeys(null, null, pixelIsPoint);
    }
}

/// <summary>The keys of a GeoKeyDirectory: SHORT values, DOUBLE values (one or more) and ASCII values.</summary>
internal sealed class GeoKeyDirectory
{
    private readonly Dictionary<int, int> _shorts = [];
    private readonly Dictionary<int, double[]> _doubles = [];
    private readonly Dictionary<int, string> _ascii = [];

    public string Uri { get; private init; } = "";

    public static GeoKeyDirectory Read(string uri, ulong[] directory, double[] doubles, string ascii)
    {
        if (directory.Length < 4)
            throw TiffErrors.Format(uri, "GeoKeyDirectory is too short");
        var keys = new GeoKeyDirectory { Uri = uri };
        var count = (int)Math.Min(directory[3], (ulong)(directory.Length - 4) / 4);
        for (var i = 0; i < count; i++)
        {
            var entry = directory.AsSpan(4 + i * 4, 4);
            var (key, location, n, value) = ((int)entry[0], entry[1], entry[2], entry[3]);
            if (location == 0)
                keys._shorts[key] = (int)value;
            else if (location == TiffTag.GeoDoubleParams && n >= 1 && value + n <= (ulong)doubles.Length)
                keys._doubles[key] = doubles.AsSpan((int)value, (int)n).ToArray();
            else if (location == TiffTag.GeoAsciiParams && value + n <= (ulong)ascii.Length)
                keys._ascii[key] = ascii.Substring((int)value, (int)n).TrimEnd('|', '\0');
        }
        return keys;
    }

    public int? Short(int key) => _shorts.TryGetValue(key, out var v) ? v : null;

    public double? Double(int key) => _doubles.TryGetValue(key, out var v) ? v[0] : null;

    public double[]? Doubles(int key) => _doubles.GetValueOrDefault(key);

    public string? Ascii(int key) => _ascii.GetValueOrDefault(key);
}

/// <summary>GeoKey numbers (GeoTIFF 1.1, OGC 19-008r4) and the codes the reader handles.</summary>
internal static class GeoKey
{
    public const int UserDefined = 32767;
    public const int ModelGeographic = 2;

    public const int ModelType = 1024;
    public const int RasterType = 1025;
    public const int Citation = 1026;
    public const int GeographicType = 2048;
    public const int GeogCitation = 2049;
    public const int GeogGeodeticDatum = 2050;
    public const int GeogPrimeMeridian = 2051;
    public const int GeogAngularUnits = 2054;
    public const int GeogAngularUnitSize = 2055;
    public const int GeogEllipsoid = 2056;
    public const int GeogSemiMajorAxis = 2057;
    public const int GeogSemiMinorAxis = 2058;
    public const int GeogInvFlattening = 2059;
    public const int GeogPrimeMeridianLong = 2061;
    public const int GeogTowgs84 = 2062;
    public const int ProjectedType = 3072;
    public const int PcsCitation = 3073;
    public const int Projection = 3074;
    public const int ProjCoordTrans = 3075;
    public const int ProjLinearUnits = 3076;
    public const int ProjLinearUnitSize = 3077;
    public const int ProjStdParallel1 = 3078;
    public const int ProjStdParallel2 = 3079;
    public const int ProjNatOriginLong = 3080;
    public const int ProjNatOriginLat = 3081;
    public const int ProjFalseEasting = 3082;
    public const int ProjFalseNorthing = 3083;
    public const int ProjFalseOriginLong = 3084;
    public const int ProjFalseOriginLat = 3085;
    public const int ProjFalseOriginEasting = 3086;
    public const int ProjFalseOriginNorthing = 3087;
    public const int ProjCenterLong = 3088;
    public const int ProjCenterLat = 3089;
    public const int ProjCenterEasting = 3090;
    public const int ProjCenterNorthing = 3091;
    public const int ProjScaleAtNatOrigin = 3092;
    public const int ProjScaleAtCenter = 3093;
    public const int ProjAzimuthAngle = 3094;
    public const int ProjStraightVertPoleLong = 3095;
    public const int ProjRectifiedGridAngle = 3096;
}
