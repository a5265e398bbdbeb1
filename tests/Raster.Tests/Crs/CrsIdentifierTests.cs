using OgcTiler.Raster.Crs;

namespace OgcTiler.Raster.Tests.Crs;

public class CrsIdentifierTests
{
    [Theory]
    [InlineData("EPSG:3857", 3857)]
    [InlineData("epsg:4326", 4326)]
    [InlineData(" EPSG:32631 ", 32631)]
    [InlineData("urn:ogc:def:crs:EPSG::3035", 3035)]
    [InlineData("urn:ogc:def:crs:EPSG:6.18.3:3857", 3857)]
    [InlineData("http://www.opengis.net/def/crs/EPSG/0/5041", 5041)]
    [InlineData("https://www.opengis.net/def/crs/EPSG/0/2193", 2193)]
    public void TryParse_EpsgForms_GiveTheCode(string identifier, int expected)
    {
        Assert.True(CrsIdentifier.TryParse(identifier, out var epsg));
        Assert.Equal(expected, epsg);
    }

    [Theory]
    [InlineData("CRS:84")]
    [InlineData("crs:84")]
    [InlineData("OGC:CRS84")]
    [InlineData("urn:ogc:def:crs:OGC:1.3:CRS84")]
    [InlineData("http://www.opengis.net/def/crs/OGC/1.3/CRS84")]
    public void TryParse_Crs84Forms_GiveNoCode(string identifier)
    {
        Assert.True(CrsIdentifier.TryParse(identifier, out var epsg));
        Assert.Null(epsg);
    }

    [Theory]
    [InlineData("")]
    [InlineData("EPSG:")]
    [InlineData("EPSG:abc")]
    [InlineData("EPSG:-4326")]
    [InlineData("EPSG:3857x")]
    [InlineData("ESRI:102100")]
    [InlineData("urn:ogc:def:crs:EPSG:3857")]
    [InlineData("http://www.opengis.net/def/crs/EPSG/0/")]
    [InlineData("http://example.com/CRS84")]
    [InlineData("CRS:83")]
    public void TryParse_Garbage_IsRejected(string identifier) => Assert.False(CrsIdentifier.TryParse(identifier, out _));
}
