using ProjNet.CoordinateSystems.Projections;

namespace OgcTiler.Raster.Crs.Projections;

/// <summary>
/// Adds OgcTiler's projections to ProjNET's process-wide projection registry, once. Polar Stereographic, Lambert
/// Conic Conformal (1SP), Equirectangular, Cylindrical Equal Area and Geostationary are missing from ProjNET 2.0.0;
/// Transverse Mercator replaces ProjNET's less accurate one, and Hotine Oblique Mercator variant A ProjNET's, which
/// computes variant B under that name too; ProjNET keeps the registry names "transverse_mercator" and
/// "hotine_oblique_mercator", so WKT is pointed at ours before parsing.
/// </summary>
internal static class ProjectionSetup
{
    private const string OwnTransverseMercator = "OgcTiler_Transverse_Mercator";

    private const string OwnHotineVariantA = "OgcTiler_Hotine_Oblique_Mercator";

    private static readonly Lazy<bool> Registered = new(Register);

    public static void EnsureRegistered() => _ = Registered.Value;

    /// <summary>WKT1 with the projections ProjNET implements itself but OgcTiler replaces renamed to OgcTiler's.</summary>
    public static string UseOwnProjections(string wkt) =>
        wkt.Replace("PROJECTION[\"Transverse_Mercator\"]", $"PROJECTION[\"{OwnTransverseMercator}\"]", StringComparison.Ordinal)
            .Replace("PROJECTION[\"Hotine_Oblique_Mercator\"]", $"PROJECTION[\"{OwnHotineVariantA}\"]", StringComparison.Ordinal);

    private static bool Register()
    {
        ProjectionsRegistry.Register("polar_stereographic", typeof(PolarStereographic));
        ProjectionsRegistry.Register("lambert_conformal_conic_1sp", typeof(LambertConformalConic1SP));
        ProjectionsRegistry.Register(OwnTransverseMercator, typeof(TransverseMercator));
        ProjectionsRegistry.Register(OwnHotineVariantA, typeof(HotineObliqueMercatorA));
        ProjectionsRegistry.Register("equirectangular", typeof(Equirectangular));
        ProjectionsRegistry.Register("cylindrical_equal_area", typeof(CylindricalEqualArea));
        ProjectionsRegistry.Register("geostationary_satellite", typeof(Geostationary));
        return true;
    }
}
