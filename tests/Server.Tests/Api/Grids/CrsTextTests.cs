using OgcTiler.Server.Api.Grids;

namespace OgcTiler.Server.Tests.Api.Grids;

/// <summary>
/// WKT and PROJ strings as crs/coord_crs/dst_crs, ported from titiler src/titiler/core/tests/test_dependencies.py
/// (test_crs_params: a WKT 1 GEOGCS with its EPSG authority, "epsg:4326", a PROJ longlat string, "invalid crs").
/// </summary>
public sealed class CrsTextTests
{
    private const string Wgs84Wkt = """

            GEOGCS["WGS 84",
                DATUM["WGS_1984",
                    SPHEROID["WGS 84",6378137,298.257223563,
                        AUTHORITY["EPSG","7030"]],
                    AUTHORITY["EPSG","6326"]],
                PRIMEM["Greenwich",0,
                    AUTHORITY["EPSG","8901"]],
                UNIT["degree",0.0174532925199433,
                    AUTHORITY["EPSG","9122"]],
                AUTHORITY["EPSG","4326"]]

        """;

    [Theory]
    [InlineData(Wgs84Wkt, "EPSG:4326")]
    [InlineData("+proj=longlat +datum=WGS84 +no_defs +type=crs", "EPSG:4326")]
    [InlineData("+proj=utm +zone=31 +datum=WGS84 +units=m +no_defs", "EPSG:32631")]
    [InlineData("+proj=utm +zone=21 +south +ellps=WGS84 +units=m", "EPSG:32721")]
    [InlineData("+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs", "EPSG:3857")]
    [InlineData("+init=epsg:2056", "EPSG:2056")]
    [InlineData("""PROJCRS["WGS 84 / UTM zone 31N",BASEGEOGCRS["WGS 84",ID["EPSG",4326]],CONVERSION["UTM zone 31N",ID["EPSG",16031]],ID["EPSG",32631]]""", "EPSG:32631")]
    public void Text_GivesItsEpsgCode(string text, string expected) => Assert.Equal(expected, CrsText.ToEpsg(text));

    [Theory]
    [InlineData("epsg:4326")]
    [InlineData("invalid crs")]
    [InlineData("+proj=stere +lat_0=90 +lat_ts=71.3 +lon_0=-42.5 +x_0=0 +y_0=0 +a=6378137.1 +b=6356752.3 +units=m +no_defs")]
    [InlineData("""GEOGCS["unnamed",DATUM["d",SPHEROID["s",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]""")]
    public void OtherText_IsLeftForTheRegistry(string text) => Assert.Equal(text, CrsText.ToEpsg(text));
}
