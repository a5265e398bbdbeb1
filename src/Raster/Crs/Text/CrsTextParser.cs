namespace OgcTiler.Raster.Crs.Text;

/// <summary>
/// Turns a CRS given as text (OGC or ESRI WKT1, WKT2, a PROJ string) into the WKT1 the engine's CRS model (ProjNET and
/// OgcTiler's projections) reads, or into the EPSG code the text's root names. Throws <see cref="FormatException"/>
/// naming what is wrong or unsupported. Done once per distinct text.
/// </summary>
internal static class CrsTextParser
{
    private const double Degree = Math.PI / 180;

    /// <summary>Projections the engine draws, by GDAL's WKT1 name.</summary>
    private static readonly HashSet<string> Supported =
    [
        "Transverse_Mercator", "Mercator_1SP", "Mercator_2SP", "Lambert_Conformal_Conic_1SP", "Lambert_Conformal_Conic_2SP",
        "Lambert_Azimuthal_Equal_Area", "Albers_Conic_Equal_Area", "Polar_Stereographic", "Oblique_Stereographic",
        "Cassini_Soldner", "Polyconic", "Hotine_Oblique_Mercator", "Hotine_Oblique_Mercator_Azimuth_Center", "Krovak", "Cylindrical_Equal_Area",
        "Equirectangular", "Geostationary_Satellite",
    ];

    /// <summary>True when the text is WKT or a PROJ string rather than an identifier.</summary>
    public static bool LooksLikeText(string text)
    {
        var t = text.TrimStart();
        return t.StartsWith('+') || (t.Length > 0 && char.IsAsciiLetter(t[0]) && t.IndexOf('[') is > 0 and var open && t[..open].All(c => char.IsAsciiLetter(c) || c == '_'));
    }

    /// <summary>The EPSG code the text's root names, or the WKT1 of the CRS it describes.</summary>
    public static (int? Epsg, string? Wkt) Parse(string text, CrsRegistry registry)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith('+'))
            return ProjStringReader.Read(trimmed, registry);
        var root = WktNode.Parse(trimmed);
        if (root.EpsgCode() is { } code && IsCrsNode(root))
            return (code, null);
        return root.Keyword.ToUpperInvariant() switch
        {
            "PROJCS" or "GEOGCS" => Wkt1Reader.Read(root, registry),
            "PROJCRS" or "PROJECTEDCRS" or "GEOGCRS" or "GEOGRAPHICCRS" or "GEODCRS" or "GEODETICCRS" or "BOUNDCRS" => (null, Wkt2Reader.Read(root, registry)),
            _ => throw new FormatException($"{root.Keyword}[...] is not a supported CRS (expected PROJCS, GEOGCS, PROJCRS, GEOGCRS or BOUNDCRS)"),
        };
    }

    private static bool IsCrsNode(WktNode root) => root.Keyword.ToUpperInvariant() is "PROJCS" or "GEOGCS" or "PROJCRS" or "PROJECTEDCRS" or "GEOGCRS" or "GEOGRAPHICCRS" or "GEODCRS" or "GEODETICCRS";

    /// <summary>The WKT1 GEOGCS of the geodetic parts: an EPSG geographic CRS of the table (with the text's TOWGS84) or the ellipsoid alone.</summary>
    public static string Geographic(GeodeticParts g, CrsRegistry registry)
    {
        if (g.GeographicCode is { } code && registry.GeographicWkt(code) is { } wkt
            && Math.Abs(Wkt1Builder.SemiMajor(wkt) - g.SemiMajor) < 1e-3 && Math.Abs(Wkt1Builder.InverseFlattening(wkt) - g.InverseFlattening) < 1e-6
            && Math.Abs(Wkt1Builder.PrimeMeridianDegrees(wkt) - g.MeridianDegrees) < 1e-9)
            return g.Towgs84 is null ? wkt : Wkt1Builder.WithTowgs84(wkt, g.Towgs84);
        return Wkt1Builder.Geographic(g.Name, "unknown", g.EllipsoidName, g.SemiMajor, g.InverseFlattening, g.Towgs84, g.MeridianName, g.MeridianDegrees);
    }

    /// <summary>The WKT1 of a geographic CRS alone, refused on a prime meridian other than Greenwich.</summary>
    public static string GeographicOnly(GeodeticParts g, CrsRegistry registry, double radiansPerUnit)
    {
        if (Math.Abs(radiansPerUnit - Degree) > 1e-15)
            throw new FormatException($"a geographic CRS in a unit of {radiansPerUnit} radians is not supported: only degrees are");
        if (g.MeridianDegrees != 0)
            throw new FormatException($"a geographic CRS on prime meridian {g.MeridianDegrees}° is not supported: only Greenwich is");
        return Geographic(g, registry);
    }

    public static string Projected(GeodeticParts g, ProjectionParts p, CrsRegistry registry)
    {
        if (!Supported.Contains(p.Method))
            throw new FormatException($"the projection {p.Method} is not supported");
        if (!(p.Metres > 0))
            throw new FormatException($"the linear unit {p.UnitName} ({p.Metres} m) is not valid");
        return Wkt1Builder.Projected(p.Name, Geographic(g, registry), p.Method, p.Parameters, p.UnitName, p.Metres);
    }
}
