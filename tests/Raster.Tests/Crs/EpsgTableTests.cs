using OgcTiler.Raster.Crs;
using ProjNet.CoordinateSystems;

namespace OgcTiler.Raster.Tests.Crs;

/// <summary>Every row of the shipped EPSG table parses, and its area of use survives a round trip through it.</summary>
public class EpsgTableTests
{
    [Fact]
    public void EveryRow_ResolvesAndRoundTrips()
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
                if (!(Math.Abs(Math.IEEERemainder(lon2 - lon, 360)) < tolerance && Math.Abs(lat2 - lat) < tolerance))
                    failures.Add($"EPSG:{row.Code} {row.Name}: ({lon}, {lat}) -> ({x}, {y}) -> ({lon2}, {lat2})");
            }
            catch (Exception e)
            {
                failures.Add($"EPSG:{row.Code} {row.Name}: {e.GetType().Name}: {e.Message}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {EpsgTable.Embedded.Rows.Count} rows fail:\n{string.Join('\n', failures.Take(50))}");
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
