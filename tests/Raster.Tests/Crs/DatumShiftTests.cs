using OgcTiler.Raster.Crs;

namespace OgcTiler.Raster.Tests.Crs;

/// <summary>WGS 84 to geographic CRSs whose EPSG row carries a TOWGS84 Helmert shift, against cs2cs with the same shift.</summary>
public class DatumShiftTests
{
    // ProjNET applies a 7-parameter Helmert as a linearised matrix and inverts it by negating the parameters: both
    // stay within about a centimetre of PROJ's exact position-vector transform
    private const double ToleranceDegrees = 3e-7;

    public static TheoryData<int> Codes => Cs2csReference.Codes(Cs2csReference.Datum);

    [Theory]
    [MemberData(nameof(Codes))]
    public void FromWgs84_AppliesTheHelmertShift(int code)
    {
        var crs = CrsRegistry.Default.Resolve($"EPSG:{code}");
        var forward = CrsRegistry.Default.CreateTransform(CrsRegistry.Crs84, crs);
        var inverse = CrsRegistry.Default.CreateTransform(crs, CrsRegistry.Crs84);
        Assert.False(forward.IsIdentity);
        foreach (var p in Cs2csReference.Datum.Where(p => p.Code == code))
        {
            var (lon, lat) = forward.Transform(p.X, p.Y);
            Assert.True(Math.Abs(lon - p.ExpectedX) < ToleranceDegrees && Math.Abs(lat - p.ExpectedY) < ToleranceDegrees,
                $"{crs.Id} from ({p.X}, {p.Y}): got ({lon:F10}, {lat:F10}), cs2cs ({p.ExpectedX}, {p.ExpectedY})");
            var (lon0, lat0) = inverse.Transform(p.ExpectedX, p.ExpectedY);
            Assert.True(Math.Abs(lon0 - p.X) < ToleranceDegrees && Math.Abs(lat0 - p.Y) < ToleranceDegrees, $"{crs.Id} back to WGS 84: ({lon0}, {lat0})");
        }
    }
}
