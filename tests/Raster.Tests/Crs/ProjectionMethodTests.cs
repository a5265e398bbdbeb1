using OgcTiler.Raster.Crs;
using ProjNet.CoordinateSystems;

namespace OgcTiler.Raster.Tests.Crs;

/// <summary>
/// Projected CRSs from their base geographic CRS against cs2cs: a grid for each method OgcTiler implements itself
/// (methods.tsv) and points of every 20th projected CRS of the EPSG table (sampled.tsv).
/// </summary>
public class ProjectionMethodTests
{
    private const double ToleranceMetres = 0.001;

    public static TheoryData<int> MethodCodes => Cs2csReference.Codes(Cs2csReference.Methods);

    public static TheoryData<int> SampledCodes => Cs2csReference.Codes(Cs2csReference.Sampled);

    [Theory]
    [MemberData(nameof(MethodCodes))]
    public void ImplementedMethods_MatchCs2cs(int code) => AssertMatches(Cs2csReference.Methods, code);

    [Theory]
    [MemberData(nameof(SampledCodes))]
    public void SampledEpsgEntries_MatchCs2cs(int code) => AssertMatches(Cs2csReference.Sampled, code);

    private static void AssertMatches(IReadOnlyList<Cs2csReference.Point> reference, int code)
    {
        var points = reference.Where(p => p.Code == code).ToArray();
        var source = CrsRegistry.Default.Resolve($"EPSG:{points[0].Source}");
        var target = CrsRegistry.Default.Resolve($"EPSG:{code}");
        var forward = CrsRegistry.Default.CreateTransform(source, target);
        var inverse = CrsRegistry.Default.CreateTransform(target, source);
        // cs2cs prints degrees whatever the geographic CRS's angular unit (e.g. grads for NTF (Paris))
        var unitsPerDegree = Math.PI / 180 / ((GeographicCoordinateSystem)source.CoordinateSystem).AngularUnit.RadiansPerUnit;
        foreach (var p in points)
        {
            var (x, y) = forward.Transform(p.X * unitsPerDegree, p.Y * unitsPerDegree);
            Assert.True(Math.Abs(x - p.ExpectedX) < ToleranceMetres && Math.Abs(y - p.ExpectedY) < ToleranceMetres,
                $"{target.Id} ({target.Name}) from {source.Id} at ({p.X}, {p.Y}): got ({x:F4}, {y:F4}), cs2cs ({p.ExpectedX:F4}, {p.ExpectedY:F4})");
            var (lon, lat) = inverse.Transform(p.ExpectedX, p.ExpectedY);
            var atPole = Math.Abs(Math.Abs(p.Y) - 90) < 1e-9; // any longitude is right there
            var dLon = Math.Abs(Math.IEEERemainder(lon / unitsPerDegree - p.X, 360));
            Assert.True((atPole || dLon < 1e-7) && Math.Abs(lat / unitsPerDegree - p.Y) < 1e-7,
                $"{target.Id} inverse of ({p.ExpectedX}, {p.ExpectedY}): got ({lon / unitsPerDegree}, {lat / unitsPerDegree}), expected ({p.X}, {p.Y})");
        }
    }
}
