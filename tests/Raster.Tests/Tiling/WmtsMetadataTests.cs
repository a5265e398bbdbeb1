using OgcTiler.Raster.Tiling;

namespace OgcTiler.Raster.Tests.Tiling;

/// <summary>What a WMTS capabilities document needs from each set.</summary>
public class WmtsMetadataTests
{
    private static readonly TileMatrixSetRegistry Registry = TileBoundsTests.Registry;

    [Theory]
    [InlineData("WebMercatorQuad", "0", -20037508.342789244, 20037508.342789244)]
    [InlineData("WorldCRS84Quad", "0", -180, 90)]                // CRS84: longitude first
    [InlineData("WGS1984Quad", "0", 90, -180)]                   // EPSG:4326: latitude first
    [InlineData("EuropeanETRS89_LAEAQuad", "3", 5500000, 2000000)] // EPSG:3035: northing first
    [InlineData("UTM31WGS84Quad", "5", -9501965.72931276, 20003931.4586255)]
    [InlineData("NZTM2000Quad", "0", 10438190.1652, -3260586.7284)]
    public void TopLeftCorner_IsInTheCrsAxisOrder(string tms, string matrix, double first, double second)
    {
        var set = Registry.Get(tms);
        var corner = set.TopLeftCorner(set.GetMatrix(matrix));
        Assert.Equal(first, corner.First, 6);
        Assert.Equal(second, corner.Second, 6);
    }

    [Theory]
    [InlineData("WebMercatorQuad", "urn:ogc:def:wkss:OGC:1.0:GoogleMapsCompatible")]
    [InlineData("WorldCRS84Quad", "urn:ogc:def:wkss:OGC:1.0:GoogleCRS84Quad")]
    [InlineData("WGS1984Quad", null)]          // EPSG:4326, not the CRS84 of the scale set
    [InlineData("WorldMercatorWGS84Quad", null)]
    [InlineData("UTM31WGS84Quad", null)]
    [InlineData("GNOSISGlobalGrid", null)]
    public void WmtsWellKnownScaleSet_OnlyWhereItApplies(string tms, string? expected) =>
        Assert.Equal(expected, Registry.Get(tms).WmtsWellKnownScaleSet);

    [Theory]
    [InlineData("WebMercatorQuad", "0", 559082264.0287178)]
    [InlineData("WorldCRS84Quad", "0", 279541132.014358)]
    [InlineData("EuropeanETRS89_LAEAQuad", "0", 62779017.8571428)]
    public void ScaleDenominator_IsTheDefinitions(string tms, string matrix, double expected) =>
        Assert.Equal(expected, Registry.Get(tms).GetMatrix(matrix).ScaleDenominator, 6);
}
