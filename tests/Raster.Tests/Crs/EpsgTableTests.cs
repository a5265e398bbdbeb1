using System.Globalization;
using OgcTiler.Raster.Crs;
using OgcTiler.TestSupport;
using ProjNet.CoordinateSystems;

namespace OgcTiler.Raster.Tests.Crs;

/// <summary>
/// Every row of the shipped EPSG table parses, and the centre of its area of use survives a round trip through it, or
/// lands where cs2cs's round trip puts it: near the edge of an operation's area, the two directions may choose different
/// datum operations (PROJ compares each point with the area in the input CRS), and PROJ does not round-trip there either.
/// </summary>
public class EpsgTableTests
{
    [Fact]
    public async Task EveryRow_ResolvesAndRoundTrips()
    {
        var failures = new List<string>();
        foreach (var row in EpsgTable.Embedded.Rows)
        {
            try
            {
                var crs = CrsRegistry.Default.Resolve($"EPSG:{row.Code}");
                if (row.AreaOfUse is not { } area)
                    continue;
                var east = area.MaxX < area.MinX ? area.MaxX + 360 : area.MaxX;
                var lon = Math.IEEERemainder((area.MinX + east) / 2, 360);
                var lat = (area.MinY + area.MaxY) / 2;
                var (x, y) = CrsRegistry.Default.CreateTransform(CrsRegistry.Crs84, crs).Transform(lon, lat);
                var (lon2, lat2) = CrsRegistry.Default.CreateTransform(crs, CrsRegistry.Crs84).Transform(x, y);
                // ProjNET inverts a 7-parameter Helmert shift by negating its parameters, which is off by up to about
                // a metre for the large rotations of some old datums (RT90, NGO 1948); projections alone round-trip within 1 cm
                var tolerance = HasHelmertShift(crs) ? 1e-5 : 1e-7;
                if (!(Math.Abs(Math.IEEERemainder(lon2 - lon, 360)) < tolerance && Math.Abs(lat2 - lat) < tolerance)
                    && !(await Cs2csRoundTripAsync(row.Code, lon, lat) is var (lon3, lat3) && Math.Abs(lon3 - lon2) < 1e-7 && Math.Abs(lat3 - lat2) < 1e-7))
                    failures.Add($"EPSG:{row.Code} {row.Name}: ({lon}, {lat}) -> ({x}, {y}) -> ({lon2}, {lat2})");
            }
            catch (Exception e)
            {
                failures.Add($"EPSG:{row.Code} {row.Name}: {e.GetType().Name}: {e.Message}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {EpsgTable.Embedded.Rows.Count} rows fail:\n{string.Join('\n', failures.Take(50))}");
    }

    private static async Task<(double Lon, double Lat)> Cs2csRoundTripAsync(int code, double lon, double lat)
    {
        // EPSG:4326 (latitude first), not OGC:CRS84: from OGC:CRS84 PROJ also considers ESRI's operations
        var forward = await Cs2csAsync("EPSG:4326", $"EPSG:{code}", string.Create(CultureInfo.InvariantCulture, $"{lat:R} {lon:R}"));
        var back = (await Cs2csAsync($"EPSG:{code}", "EPSG:4326", forward)).Split(' ');
        return (double.Parse(back[1], CultureInfo.InvariantCulture), double.Parse(back[0], CultureInfo.InvariantCulture));
    }

    /// <summary>One point through cs2cs: its first two output values, space-separated.</summary>
    private static async Task<string> Cs2csAsync(string source, string target, string point)
    {
        var input = Path.Combine(Path.GetTempPath(), $"ogctiler-cs2cs-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(input, point + "\n");
        try
        {
            var f = (await ExternalProcess.RunCheckedAsync("cs2cs", "-f", "%.10f", source, target, input)).Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            return $"{f[0]} {f[1]}";
        }
        finally
        {
            File.Delete(input);
        }
    }

    private static bool HasHelmertShift(CrsDefinition crs)
    {
        var geographic = crs.CoordinateSystem as GeographicCoordinateSystem ?? ((ProjectedCoordinateSystem)crs.CoordinateSystem).GeographicCoordinateSystem;
        return geographic.HorizontalDatum.Wgs84Parameters is { HasZeroValuesOnly: false };
    }

    [Fact]
    public void All_ListsCrs84AndEveryRow()
    {
        var all = CrsRegistry.Default.All;
        Assert.Equal(EpsgTable.Embedded.Rows.Count + 1, all.Count);
        Assert.Same(CrsRegistry.Crs84, all[0]);
        Assert.Contains(all, c => c.Id == "EPSG:3857");
    }
}
