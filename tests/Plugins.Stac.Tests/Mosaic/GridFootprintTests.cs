using OgcTiler.Abstractions.Raster;
using OgcTiler.Plugins.Stac.Mosaic;

namespace OgcTiler.Plugins.Stac.Tests.Mosaic;

public class GridFootprintTests
{
    [Fact]
    public void WebMercatorWorld_IsTheMercatorLatitudeLimit()
    {
        const double half = 20037508.342789244;

        var box = GridFootprint.Wgs84(new TargetGrid("EPSG:3857", -half, -half, half, half, 256, 256))!.Value;

        Assert.Equal(-180, box.MinX, 9);
        Assert.Equal(180, box.MaxX, 9);
        Assert.Equal(-85.0511287798066, box.MinY, 9);
        Assert.Equal(85.0511287798066, box.MaxY, 9);
    }

    [Fact]
    public void WebMercatorPoint_MatchesCs2cs()
    {
        // cs2cs EPSG:4326 EPSG:3857: 29.826N 33.0085E -> 3674489.4 3481203.3
        var box = GridFootprint.Wgs84(new TargetGrid("EPSG:3857", 3674489.4, 3481203.3, 3674489.5, 3481203.4, 1, 1))!.Value;

        Assert.Equal(33.0085, box.MinX, 5);
        Assert.Equal(29.826, box.MinY, 5);
    }

    [Theory]
    [InlineData("EPSG:4326")]
    [InlineData("OGC:CRS84")]
    public void Geographic_IsTheGridItself(string crs)
    {
        Assert.Equal(new Bounds(1, 2, 3, 4), GridFootprint.Wgs84(new TargetGrid(crs, 1, 2, 3, 4, 1, 1)));
    }

    [Fact]
    public void OtherCrs_IsUnknown()
    {
        Assert.Null(GridFootprint.Wgs84(new TargetGrid("EPSG:32636", 0, 0, 1, 1, 1, 1)));
    }
}
