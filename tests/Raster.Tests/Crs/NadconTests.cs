using OgcTiler.Raster.Crs;

namespace OgcTiler.Raster.Tests.Crs;

/// <summary>
/// NAD27 without NADCON and Canada's grids, which Debian's proj-data does not install: PROJ then takes the Helmert
/// NAD27 to WGS 84 operation of each point's area (cs2cs EPSG:4267 EPSG:4326), and so do we. The gap to the grids
/// themselves (NAD83 taken as WGS 84, as PROJ's grid-based NAD27 to WGS 84 operations do), at the points whose grid
/// values PROJ publishes, is the one docs/architecture.md states. References: PROJ's test/cli/testvarious
/// (<c>cs2cs +nadgrids=conus</c>, 111°W 39°N) and PROJ 9.8.1's <c>cct +proj=hgridshift</c> with the conus grid
/// (San Francisco, Kansas) and with ntv1_can.dat, Canada's grid before NTv2 (Ottawa).
/// </summary>
public sealed class NadconTests
{
    private const double MetresPerDegreeOfLatitude = 111_132.954;
    private const double MetresPerDegreeOfLongitudeAtEquator = 111_319.49;

    [Theory]
    [InlineData(-111.0, 39.0, -111.000723333333, 38.999975555556, 2.86)]       // 111°0'2.604"W 38°59'59.912"N
    [InlineData(-122.4194, 37.7749, -122.420482174289, 37.774829514951, 5.57)]
    [InlineData(-97.5, 39.0, -97.500307341108, 38.999999348889, 2.92)]
    [InlineData(-75.6972, 45.4225, -75.696872210356, 45.422551182897, 8.48)]
    public void Nad27_WithoutItsGrids_IsWithinTheDocumentedGapOfThem(double lon, double lat, double gridLon, double gridLat, double gap)
    {
        var transform = CrsRegistry.Default.CreateTransform(CrsRegistry.Default.Resolve("EPSG:4267"), CrsRegistry.Crs84);
        var (x, y) = transform.Transform(lon, lat);
        var east = (x - gridLon) * MetresPerDegreeOfLongitudeAtEquator * Math.Cos(lat * Math.PI / 180);
        var north = (y - gridLat) * MetresPerDegreeOfLatitude;
        Assert.InRange(Math.Sqrt(east * east + north * north), gap - 0.02, gap + 0.02);
    }
}
