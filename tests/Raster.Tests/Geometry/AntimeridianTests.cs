using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Raster.Tests.Geometry;

/// <summary>
/// Boxes around 180° in the two forms: the engine's continuous longitudes and RFC 7946 §5.2's west &gt; east, which
/// rio-tiler's get_geographic_bounds gives (rasterio transform_bounds; dateline.tif: 179.4065..-179.1563).
/// </summary>
public sealed class AntimeridianTests
{
    [Theory]
    [InlineData(-180.5934634, -179.1563068, 179.4065366, -179.1563068)] // UTM 1N across 180°, as the engine transforms it
    [InlineData(179.4065366, 180.8436932, 179.4065366, -179.1563068)]  // the same, reaching east (UTM 60)
    [InlineData(179.4065366, -179.1563068, 179.4065366, -179.1563068)] // already west > east
    [InlineData(1.5, 2.5, 1.5, 2.5)]
    [InlineData(0, 180, 0, 180)]                                       // touching 180° does not cross it
    [InlineData(-190, -180, 170, 180)]
    [InlineData(180, 190, -180, -170)]
    [InlineData(0, 360, -180, 180)]                                    // a turn wide
    [InlineData(100, 260, 100, -100)]                                  // 0..360 data
    public void Wrap_GivesLongitudesWithin180_WestOfEastAcross(double minX, double maxX, double west, double east)
    {
        var wrapped = Antimeridian.Wrap(new Bounds(minX, 0, maxX, 1));

        Assert.Equal((west, 0, east, 1), (Math.Round(wrapped.MinX, 7), wrapped.MinY, Math.Round(wrapped.MaxX, 7), wrapped.MaxY));
    }

    [Fact]
    public void Parts_AreTheSidesWestAndEastOf180()
    {
        var parts = Antimeridian.Parts(new Bounds(179.5, 0, 180.5, 1));

        Assert.Equal([new Bounds(179.5, 0, 180, 1), new Bounds(-180, 0, -179.5, 1)], parts);
        Assert.Equal([new Bounds(1, 2, 3, 4)], Antimeridian.Parts(new Bounds(1, 2, 3, 4)));
    }

    [Theory]
    [InlineData(179.5, 180.7, -179.9)]
    [InlineData(179.5, -179.3, -179.9)]
    [InlineData(178, -179.9, 179.05)]
    [InlineData(1, 3, 2)]
    public void Centre_LiesOnTheAntimeridianSide(double minX, double maxX, double longitude)
    {
        Assert.Equal(longitude, Antimeridian.Centre(new Bounds(minX, 0, maxX, 2)).Longitude, 9);
    }

    [Theory]
    [InlineData(-180.5934634, -179.1563068, -180, 180)] // across 180°: every longitude
    [InlineData(179.4065366, -179.1563068, -180, 180)]
    [InlineData(1.5, 2.5, 1.5, 2.5)]
    [InlineData(180, 190, -180, -170)]                   // wholly past 180°: wrapped
    [InlineData(0, 360, -180, 180)]
    public void Enclosing_IsWithin180_WestOfEast(double minX, double maxX, double west, double east)
    {
        var box = Antimeridian.Enclosing(new Bounds(minX, 0, maxX, 1));

        Assert.Equal((west, 0, east, 1), (Math.Round(box.MinX, 7), box.MinY, Math.Round(box.MaxX, 7), box.MaxY));
    }

    [Theory]
    [InlineData(179, 180, -180, -179, 179, 181)]                      // either side of 180°: one box across it, not the world
    [InlineData(179.4065366, -179.1563068, -180, -178, 179.4065366, 182)] // west > east with a box east of 180°
    [InlineData(-180.5934634, -179.1563068, 179, 180, 179, 180.8436932)]  // the engine's continuous form, UTM 1N
    [InlineData(170, 175, -175, -170, 170, 190)]                      // the widest gap is not across 180°
    [InlineData(10, 20, 30, 40, 10, 40)]                              // no antimeridian: the plain union
    [InlineData(-180, 0, 0, 180, -180, 180)]                          // no gap left: the world
    public void Union_TakesTheShortWayAroundTheGlobe(double west1, double east1, double west2, double east2, double west, double east)
    {
        var union = Antimeridian.Union([new Bounds(west1, 0, east1, 1), new Bounds(west2, -2, east2, 0.5)]);

        Assert.Equal((west, -2, east, 1), (Math.Round(union.MinX, 7), union.MinY, Math.Round(union.MaxX, 7), union.MaxY));
    }

    [Fact]
    public void Union_OfThreeBoxes_CrossingOnce()
    {
        var union = Antimeridian.Union([new Bounds(-179, 0, -178, 1), new Bounds(178, 0, 179, 1), new Bounds(179.5, 0, 180.5, 1)]);

        Assert.Equal(new Bounds(178, 0, 182, 1), union);
    }

    [Theory]
    [InlineData(179.5, 180.5, -179.8, -179.6, true)]    // continuous box past 180° meets a box east of -180°
    [InlineData(179.5, -179.5, -179.8, -179.6, true)]   // the same box written west > east
    [InlineData(179.5, -179.5, 179.6, 179.7, true)]
    [InlineData(179.5, -179.5, 0, 10, false)]           // the middle of the world is not inside a box across 180°
    [InlineData(10, 20, 20, 30, true)]                   // edges touch
    [InlineData(10, 20, 20.1, 30, false)]
    public void Meet_SplitsBothBoxesAt180_EdgesIncluded(double west1, double east1, double west2, double east2, bool meet)
    {
        Assert.Equal(meet, Antimeridian.Meet(new Bounds(west1, 0, east1, 1), new Bounds(west2, 1, east2, 2)));
    }
}
