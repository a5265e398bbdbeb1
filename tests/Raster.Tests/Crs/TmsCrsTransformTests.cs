using OgcTiler.Raster.Crs;

namespace OgcTiler.Raster.Tests.Crs;

/// <summary>WGS 84 to the CRS of every standard TileMatrixSet (and the common polar ones) against cs2cs.</summary>
public class TmsCrsTransformTests
{
    private const double ToleranceMetres = 0.005;
    private const double ToleranceDegrees = 1e-7;

    public static TheoryData<int> Codes => Cs2csReference.Codes(Cs2csReference.TmsGrids);

    [Theory]
    [MemberData(nameof(Codes))]
    public void FromWgs84_MatchesCs2cs(int code)
    {
        var points = Cs2csReference.TmsGrids.Where(p => p.Code == code).ToArray();
        var transform = CrsRegistry.Default.CreateTransform(CrsRegistry.Crs84, CrsRegistry.Default.Resolve($"EPSG:{code}"));
        var xs = points.Select(p => p.X).ToArray();
        var ys = points.Select(p => p.Y).ToArray();
        transform.Transform(xs, ys);
        for (var i = 0; i < points.Length; i++)
        {
            Assert.True(Math.Abs(xs[i] - points[i].ExpectedX) < ToleranceMetres && Math.Abs(ys[i] - points[i].ExpectedY) < ToleranceMetres,
                $"EPSG:{code} at lon {points[i].X}, lat {points[i].Y}: got ({xs[i]:F4}, {ys[i]:F4}), cs2cs ({points[i].ExpectedX:F4}, {points[i].ExpectedY:F4})");
        }
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void ToWgs84_InvertsCs2csValues(int code)
    {
        // the poles have no longitude, and Web Mercator has no pole at all
        var points = Cs2csReference.TmsGrids.Where(p => p.Code == code && Math.Abs(p.Y) < 89.999).ToArray();
        var transform = CrsRegistry.Default.CreateTransform(CrsRegistry.Default.Resolve($"EPSG:{code}"), CrsRegistry.Crs84);
        foreach (var p in points)
        {
            var (lon, lat) = transform.Transform(p.ExpectedX, p.ExpectedY);
            var dLon = Math.Abs(Math.IEEERemainder(lon - p.X, 360));
            // within -180..180 as cs2cs answers: a −180..180° source holds no 200° (EPSG:5482 is centred on 180°)
            Assert.True(dLon < ToleranceDegrees && Math.Abs(lat - p.Y) < ToleranceDegrees && Math.Abs(lon) <= 180 + ToleranceDegrees,
                $"EPSG:{code} ({p.ExpectedX}, {p.ExpectedY}): got lon {lon}, lat {lat}; expected {p.X}, {p.Y}");
        }
    }
}
