using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Crs;

namespace OgcTiler.Raster.Tests.Crs;

public class CrsRegistryTests
{
    private static readonly CrsRegistry Registry = CrsRegistry.Default;

    [Theory]
    [InlineData("EPSG:4326", "EPSG:4326", true, true)]
    [InlineData("CRS:84", "OGC:CRS84", true, false)]
    [InlineData("http://www.opengis.net/def/crs/OGC/1.3/CRS84", "OGC:CRS84", true, false)]
    [InlineData("urn:ogc:def:crs:EPSG::3857", "EPSG:3857", false, false)]
    [InlineData("EPSG:900913", "EPSG:3857", false, false)]
    [InlineData("EPSG:32631", "EPSG:32631", false, false)]
    [InlineData("http://www.opengis.net/def/crs/EPSG/0/3035", "EPSG:3035", false, true)]
    [InlineData("EPSG:2193", "EPSG:2193", false, true)]
    [InlineData("EPSG:5041", "EPSG:5041", false, false)]
    [InlineData("EPSG:5482", "EPSG:5482", false, true)]
    [InlineData("EPSG:32761", "EPSG:32761", false, true)]
    public void Resolve_KnowsIdentityAndAxisOrder(string identifier, string id, bool geographic, bool northingFirst)
    {
        var crs = Registry.Resolve(identifier);
        Assert.Equal(id, crs.Id);
        Assert.Equal(geographic, crs.IsGeographic);
        Assert.Equal(northingFirst, crs.NorthingFirst);
    }

    [Fact]
    public void Resolve_GivesNameUrisAndAreaOfUse()
    {
        var crs = Registry.Resolve("EPSG:32631");
        Assert.Equal("WGS 84 / UTM zone 31N", crs.Name);
        Assert.Equal("http://www.opengis.net/def/crs/EPSG/0/32631", crs.Uri);
        Assert.Equal("urn:ogc:def:crs:EPSG::32631", crs.Urn);
        Assert.Equal(new Bounds(0, 0, 6, 84), crs.AreaOfUse);
        Assert.Equal("urn:ogc:def:crs:OGC:1.3:CRS84", CrsRegistry.Crs84.Urn);
    }

    [Fact]
    public void Resolve_ReturnsTheSameInstanceEachTime() =>
        Assert.Same(Registry.Resolve("EPSG:3035"), Registry.Resolve("urn:ogc:def:crs:EPSG::3035"));

    [Theory]
    [InlineData("EPSG:4326", 111319.49079327357)]
    [InlineData("EPSG:3857", 1)]
    [InlineData("EPSG:2193", 1)]
    public void MetersPerUnit_IsDegreeOrMetre(string identifier, double expected) =>
        Assert.Equal(expected, Registry.Resolve(identifier).MetersPerUnit, 6);

    [Theory]
    [InlineData("EPSG:999999")]
    [InlineData("EPSG:4978")] // geocentric: not a 2D geographic or projected CRS
    [InlineData("foo")]
    public void Resolve_Unknown_ThrowsInvalidParameterNamingIt(string identifier)
    {
        var e = Assert.Throws<InvalidParameterException>(() => Registry.Resolve(identifier));
        Assert.Equal("crs", e.Parameter);
        Assert.Contains(identifier, e.Message);
        Assert.False(Registry.TryResolve(identifier, out _));
    }

    [Fact]
    public void CreateTransform_SameCrs_IsIdentity() =>
        Assert.True(Registry.CreateTransform(Registry.Resolve("EPSG:4326"), Registry.Resolve("EPSG:4326")).IsIdentity);

    [Fact]
    public void CreateTransform_Wgs84AndCrs84_IsIdentity() =>
        Assert.True(Registry.CreateTransform(Registry.Resolve("EPSG:4326"), CrsRegistry.Crs84).IsIdentity);

    [Fact]
    public void CreateTransform_WebMercator_IsSpherical()
    {
        // 50.45°N: the spherical formula gives 6 524 593.6 m; an ellipsoidal Mercator would be 33 km off
        var (x, y) = Registry.CreateTransform(CrsRegistry.Crs84, Registry.Resolve("EPSG:3857")).Transform(30.5234, 50.45);
        var r = 6378137.0;
        Assert.Equal(r * 30.5234 * Math.PI / 180, x, 6);
        Assert.Equal(r * Math.Log(Math.Tan(Math.PI / 4 + 50.45 * Math.PI / 360)), y, 6);
    }

    [Fact]
    public void Transform_Spans_TransformsEveryPointInPlace()
    {
        var t = Registry.CreateTransform(CrsRegistry.Crs84, Registry.Resolve("EPSG:32631"));
        double[] lons = [3, 4, 5];
        double[] lats = [0, 45, 60];
        var xs = lons.ToArray();
        var ys = lats.ToArray();
        t.Transform(xs, ys);
        for (var i = 0; i < 3; i++)
            Assert.Equal(t.Transform(lons[i], lats[i]), (xs[i], ys[i]));
        Assert.Equal(500000, xs[0], 6);
    }

    [Theory]
    [InlineData(1.0, 40, 2.0, 41, new[] { 32631 })]
    [InlineData(-1.0, -1, 1.0, 1, new[] { 32630, 32631, 32730, 32731 })]
    [InlineData(5.9, 10, 6.1, 20, new[] { 32631, 32632 })]
    [InlineData(173, -45, 180, -40, new[] { 32759, 32760 })]
    [InlineData(-180, -90, 180, 90, null)]
    public void UtmZonesFor_ListsTheZonesABoxTouches(double w, double s, double e, double n, int[]? expected)
    {
        var zones = CrsRegistry.UtmZonesFor(new Bounds(w, s, e, n));
        if (expected is null)
        {
            Assert.Equal(120, zones.Count);
            return;
        }
        Assert.Equal(expected, zones);
    }
}
