using System.Collections.Frozen;
using static OgcTiler.Raster.Tiff.GeoKey;

namespace OgcTiler.Raster.Tiff;

/// <summary>
/// GeoTIFF's projection methods (ProjCoordTransGeoKey) as WKT1 methods and parameters: the one table
/// <see cref="GeoKeyWriter"/> writes and <see cref="GeoKeyCrs"/> reads. A parameter is written to its first key, as
/// GDAL writes it, and read from the first of its keys the file has, as libgeotiff reads it (0 when none, 1 for a
/// scale); the WKT lists the parameters in the table's order, the false easting and northing last.
/// </summary>
internal static class GeoKeyMethods
{
    /// <summary>An angle is in degrees in the WKT and in the geographic CRS's angular unit in the GeoKeys.</summary>
    public enum Unit { Angle, Scale }

    /// <param name="Name">the WKT1 parameter.</param>
    /// <param name="Unit">angle or scale.</param>
    /// <param name="Keys">the keys it is read from, in order; written to the first.</param>
    /// <param name="When">read only from a file that has this key (0 otherwise).</param>
    public sealed record Parameter(string Name, Unit Unit, int[] Keys, int? When = null);

    /// <param name="Code">the ProjCoordTransGeoKey value.</param>
    /// <param name="Wkt">the WKT1 method.</param>
    /// <param name="Parameters">its parameters but the false easting and northing.</param>
    /// <param name="When">for a code with two WKT1 methods: read as this one when the file has this key.</param>
    /// <param name="FalseOrigin">
    /// the false easting and northing are written to the false origin's keys (else to ProjFalseEasting/Northing).
    /// </param>
    public sealed record Method(int Code, string Wkt, Parameter[] Parameters, int? When = null, bool FalseOrigin = false);

    /// <summary>The keys the false easting is read from, in order.</summary>
    public static readonly int[] Eastings = [ProjFalseEasting, ProjFalseOriginEasting, ProjCenterEasting];

    /// <summary>The keys the false northing is read from, in order.</summary>
    public static readonly int[] Northings = [ProjFalseNorthing, ProjFalseOriginNorthing, ProjCenterNorthing];

    private static readonly int[] NatOriginLats = [ProjNatOriginLat, ProjFalseOriginLat, ProjCenterLat];
    private static readonly int[] NatOriginLongs = [ProjNatOriginLong, ProjFalseOriginLong, ProjCenterLong];
    private static readonly int[] CenterLats = [ProjCenterLat, ProjNatOriginLat, ProjFalseOriginLat];
    private static readonly int[] CenterLongs = [ProjCenterLong, ProjNatOriginLong, ProjFalseOriginLong];

    private static readonly Parameter OriginLat = new("latitude_of_origin", Unit.Angle, NatOriginLats);
    private static readonly Parameter CentralMeridian = new("central_meridian", Unit.Angle, NatOriginLongs);
    private static readonly Parameter Scale = new("scale_factor", Unit.Scale, [ProjScaleAtNatOrigin, ProjScaleAtCenter]);
    private static readonly Parameter CenterLat = new("latitude_of_center", Unit.Angle, CenterLats);
    private static readonly Parameter CenterLong = new("longitude_of_center", Unit.Angle, CenterLongs);
    private static readonly Parameter StdParallel1 = new("standard_parallel_1", Unit.Angle, [ProjStdParallel1]);
    private static readonly Parameter StdParallel2 = new("standard_parallel_2", Unit.Angle, [ProjStdParallel2]);

    private static readonly Parameter[] NaturalOrigin = [OriginLat, CentralMeridian, Scale];

    /// <summary>Hotine Oblique Mercator's parameters, the same for variant A (CT_ObliqueMercator) and B.</summary>
    private static readonly Parameter[] ObliqueMercator =
    [
        CenterLat, CenterLong,
        new("azimuth", Unit.Angle, [ProjAzimuthAngle]),
        new("rectified_grid_angle", Unit.Angle, [ProjRectifiedGridAngle, ProjAzimuthAngle]),
        Scale with { Keys = [ProjScaleAtCenter, ProjScaleAtNatOrigin] },
    ];

    /// <summary>Every method; the two Mercator variants of code 7 in the order they are tried.</summary>
    public static readonly Method[] All =
    [
        new(1, "Transverse_Mercator", NaturalOrigin),
        new(3, "Hotine_Oblique_Mercator", ObliqueMercator),
        new(7, "Mercator_2SP", [StdParallel1, CentralMeridian], When: ProjStdParallel1),
        new(7, "Mercator_1SP", NaturalOrigin),
        new(8, "Lambert_Conformal_Conic_2SP",
        [
            OriginLat with { Keys = [ProjFalseOriginLat, ProjNatOriginLat, ProjCenterLat] },
            CentralMeridian with { Keys = [ProjFalseOriginLong, ProjNatOriginLong, ProjCenterLong] },
            StdParallel1, StdParallel2,
        ], FalseOrigin: true),
        new(9, "Lambert_Conformal_Conic_1SP", NaturalOrigin),
        new(10, "Lambert_Azimuthal_Equal_Area", [CenterLat, CenterLong]),
        new(11, "Albers_Conic_Equal_Area",
            [CenterLat with { Keys = NatOriginLats }, CenterLong with { Keys = NatOriginLongs }, StdParallel1, StdParallel2]),
        new(15, "Polar_Stereographic",
            [OriginLat, CentralMeridian with { Keys = [ProjStraightVertPoleLong, ProjNatOriginLong, ProjFalseOriginLong] }, Scale]),
        new(16, "Oblique_Stereographic", NaturalOrigin),
        new(17, "Equirectangular",
        [
            StdParallel1 with { Keys = [ProjStdParallel1, ProjNatOriginLat] },
            CentralMeridian with { Keys = CenterLongs },
            OriginLat with { Keys = CenterLats, When = ProjStdParallel1 },
        ]),
        new(18, "Cassini_Soldner", [OriginLat, CentralMeridian]),
        new(22, "Polyconic", [OriginLat, CentralMeridian]),
        new(28, "Cylindrical_Equal_Area", [StdParallel1, CentralMeridian]),
        new(9815, "Hotine_Oblique_Mercator_Azimuth_Center", ObliqueMercator),
    ];

    /// <summary>The method a WKT1 method is written as.</summary>
    public static readonly FrozenDictionary<string, Method> ByWkt = All.ToFrozenDictionary(m => m.Wkt, StringComparer.Ordinal);

    /// <summary>The method a file's ProjCoordTransGeoKey <paramref name="code"/> reads as, null when the table has none.</summary>
    public static Method? Find(int code, GeoKeyDirectory keys) =>
        Array.Find(All, m => m.Code == code && (m.When is not { } key || keys.Double(key) is not null));
}
