using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Crs;
using OgcTiler.Server.Ogc.Common;

namespace OgcTiler.Server.Tests.Ogc;

public sealed class BoundsProjectorTests
{
    /// <summary>EPSG:3832 (PDC Mercator) is used from 98.69°E across the antimeridian to 68°W.</summary>
    [Fact]
    public void Project_IntoACrsWhoseAreaCrossesTheAntimeridian_KeepsBothSides()
    {
        var pdc = CrsRegistry.Default.Resolve("EPSG:3832");

        var fiji = BoundsProjector.Project(CrsRegistry.Default, new Bounds(174.9, -17.1, 175.1, -16.9), pdc);
        var samoa = BoundsProjector.Project(CrsRegistry.Default, new Bounds(-175.1, -17.1, -174.9, -16.9), pdc);
        var europe = BoundsProjector.Project(CrsRegistry.Default, new Bounds(0, 40, 10, 50), pdc);

        // cs2cs EPSG:4326 EPSG:3832 gives x 2782987.27 for 175°E and 3896182.18 for 175°W, y -1908339.07 at 17°S.
        Assert.True(fiji is { } f && f.MinX < 2782987.27 && f.MaxX > 2782987.27 && f.MinY < -1908339.07 && f.MaxY > -1908339.07, $"{fiji}");
        Assert.True(samoa is { } s && s.MinX < 3896182.18 && s.MaxX > 3896182.18, $"{samoa}");
        Assert.Null(europe);
    }
}
