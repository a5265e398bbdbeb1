namespace OgcTiler.Raster.Tiling;

/// <summary>
/// The WMTS 1.0 well-known scale sets (OGC 07-057r7 Annex E) a TileMatrixSet can advertise: a CRS and the scale
/// denominators 559082264.0287178 / 2^k with 256×256 tiles. A set matches when every one of its matrices is one of them.
/// </summary>
internal static class WellKnownScaleSets
{
    public const string GoogleMapsCompatible = "urn:ogc:def:wkss:OGC:1.0:GoogleMapsCompatible";
    public const string GoogleCrs84Quad = "urn:ogc:def:wkss:OGC:1.0:GoogleCRS84Quad";

    private const double Level0Scale = 559082264.0287178;
    private const double Tolerance = 1e-6;

    public static string? Match(TileMatrixSet tms)
    {
        var urn = tms.Crs.Epsg switch
        {
            3857 => GoogleMapsCompatible,
            null => GoogleCrs84Quad, // OGC:CRS84
            _ => null,
        };
        return urn is not null && tms.Matrices.All(IsPowerOfTwoLevel) ? urn : null;
    }

    private static bool IsPowerOfTwoLevel(TileMatrix m)
    {
        if (m.TileWidth != 256 || m.TileHeight != 256 || m.VariableMatrixWidths.Count > 0)
            return false;
        var level = Math.Log2(Level0Scale / m.ScaleDenominator);
        return Math.Abs(level - Math.Round(level)) < Tolerance && level > -Tolerance;
    }
}
