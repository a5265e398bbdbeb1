using ProjNet.CoordinateSystems.Projections;

namespace OgcTiler.Raster.Crs.Projections;

/// <summary>
/// Adds OgcTiler's projections to ProjNET's process-wide projection registry, once. Polar Stereographic, Lambert
/// Conic Conformal (1SP), Equirectangular, Cylindrical Equal Area and Geostationary are missing from ProjNET 2.0.0;
/// Transverse Mercator replaces ProjNET's less accurate one, which keeps the registry name "transverse_mercator", so
/// WKT is pointed at ours before parsing.
/// </summary>
internal static class ProjectionSetup
{
    private const string OwnTransverseMercator = "OgcTiler_Transverse_Mercator";

    private static readonly Lazy<bool> Registered = new(Register);

    public static void EnsureRegistered() => _ = Registered.Value;

    /// <summary>WKT1 with the projections ProjNET implements itself but OgcTiler replaces renamed to OgcTiler's.</summary>
    public static string UseOwnProjections(string wkt) =>
        wkt.Replace("PROJECTION[\"Transverse_Mercator\"]", $"PROJECTION[\"{OwnTransverseMercator}\"]", StringComparison.Ordinal);

    private static bool Register()
    {
        ProjectionsRegistry.Register("polar_stereographic", typeof(PolarStereographic));
        ProjectionsRegistry.Register("lambert_conformal_conic_1sp", typeof(LambertConformalConic1SP));
        ProjectionsRegistry.Register(OwnTransverseMercator, typeof(TransverseMercator));
        ProjectionsRegistry.Register("equirectangular", typeof(Equirectangular));
        ProjectionsRegistry.Register("cylindrical_equal_area", typeof(CylindricalEqualArea));
        ProjectionsRegistry.Register("geostationary_satellite", typeof(Geostationary));
        return true;
    }
}
