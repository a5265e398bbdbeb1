using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using OgcTiler.Raster.Tiling;

namespace OgcTiler.Server.Tests.Ogc.Wmts;

public sealed class WmtsGetTileTests
{
    private static readonly TileMatrixSetRegistry Sets = TileMatrixSetRegistry.Load(null, OgcTiler.Raster.Crs.CrsRegistry.Default);

    [Fact]
    public async Task GetTile_KvpAndRest_GiveTheSamePicture()
    {
        await using var host = await OgcTestHost.StartAsync();
        var kvp = await host.Client.GetByteArrayAsync("/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=utm&STYLE=default&FORMAT=image/png&TILEMATRIXSET=WebMercatorQuad&TILEMATRIX=10&TILEROW=372&TILECOL=517");
        var rest = await host.Client.GetByteArrayAsync("/wmts/1.0.0/utm/default/WebMercatorQuad/10/372/517.png");
        Assert.Equal(kvp, rest);
        var grid = host.Pipeline.Requests[0].Grid;
        var expected = Sets.Get("WebMercatorQuad").GetMatrix("10").TileBounds(517, 372);
        Assert.Equal((expected.MinX, expected.MinY, expected.MaxX, expected.MaxY, 256, 256), (grid.MinX, grid.MinY, grid.MaxX, grid.MaxY, grid.Width, grid.Height));
    }

    /// <summary>The same tile through WMTS and through WMS 1.3.0 (lat/lon for EPSG:4326), 1.1.1 (lon/lat) and EPSG:3857.</summary>
    [Theory]
    [InlineData("WebMercatorQuad", "10", "1.3.0", "EPSG:3857")]
    [InlineData("WebMercatorQuad", "10", "1.1.1", "EPSG:3857")]
    [InlineData("WorldCRS84Quad", "9", "1.3.0", "EPSG:4326")]
    [InlineData("WorldCRS84Quad", "9", "1.1.1", "EPSG:4326")]
    [InlineData("WorldCRS84Quad", "9", "1.3.0", "CRS:84")]
    [InlineData("UTM31WGS84Quad", "8", "1.3.0", "EPSG:32631")]
    [InlineData("EuropeanETRS89_LAEAQuad", "8", "1.3.0", "EPSG:3035")]
    public async Task GetTile_EqualsWmsGetMapOfTheTileBox(string set, string matrix, string version, string crs)
    {
        await using var host = await OgcTestHost.StartAsync();
        var tms = Sets.Get(set);
        var (col, row) = TileAt(tms, tms.GetMatrix(matrix), 2.0, 44.0);
        var b = tms.GetMatrix(matrix).TileBounds(col, row);
        var tile = await host.Client.GetByteArrayAsync($"/wmts/1.0.0/utm/default/{set}/{matrix}/{row}/{col}.png");
        var latLon = version == "1.3.0" && OgcTiler.Raster.Crs.CrsRegistry.Default.Resolve(crs).NorthingFirst;
        var box = latLon ? new[] { b.MinY, b.MinX, b.MaxY, b.MaxX } : [b.MinX, b.MinY, b.MaxX, b.MaxY];
        var bbox = string.Join(',', box.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        var crsParameter = version == "1.3.0" ? "CRS" : "SRS";
        var map = await host.Client.GetByteArrayAsync($"/wms?SERVICE=WMS&REQUEST=GetMap&VERSION={version}&{crsParameter}={crs}&BBOX={bbox}&LAYERS=utm&STYLES=&WIDTH=256&HEIGHT=256&FORMAT=image/png&TRANSPARENT=TRUE");
        Assert.Equal(tile, map);
        using var picture = SkiaSharp.SKBitmap.Decode(tile);
        Assert.Contains(picture.Pixels, p => p.Alpha == 255);
    }

    /// <summary>
    /// Matrix 1 holds the data in row 0, which MaxTileRow cannot express, so it has no TileMatrixLimits: its tile at
    /// row 1, column 0 (south-west, no data) is inside what the document allows and answers a transparent tile.
    /// </summary>
    [Fact]
    public async Task GetTile_OutsideTheDataButInsideTheMatrix_IsATransparentTile()
    {
        await using var host = await OgcTestHost.StartAsync();
        using var picture = SkiaSharp.SKBitmap.Decode(await host.Client.GetByteArrayAsync("/wmts/1.0.0/utm/default/WebMercatorQuad/1/1/0.png"));
        Assert.All(picture.Pixels, p => Assert.Equal(0, p.Alpha));
    }

    [Fact]
    public async Task GetFeatureInfo_KvpAndRest_ReturnThePixelValues()
    {
        await using var host = await OgcTestHost.StartAsync();
        var m = Sets.Get("WorldCRS84Quad").GetMatrix("9");
        var b = m.TileBounds(517, 130);
        var kvp = await host.Client.GetStringAsync("/wmts?SERVICE=WMTS&REQUEST=GetFeatureInfo&VERSION=1.0.0&LAYER=utm&STYLE=default&TILEMATRIXSET=WorldCRS84Quad&TILEMATRIX=9&TILEROW=130&TILECOL=517&FORMAT=image/png&I=10&J=20&INFOFORMAT=application/json");
        var rest = await host.Client.GetStringAsync("/wmts/1.0.0/utm/default/WorldCRS84Quad/9/130/517/20/10.json");
        Assert.Equal(kvp, rest);
        var properties = JsonDocument.Parse(rest).RootElement.GetProperty("features")[0].GetProperty("properties");
        var cell = (b.MaxX - b.MinX) / 256;
        Assert.Equal((b.MinX + 10.5 * cell) * 1000, properties.GetProperty("b1").GetDouble(), 0.01);
        Assert.Equal((b.MaxY - 20.5 * cell) * 1000, properties.GetProperty("b2").GetDouble(), 0.01);
    }

    public static TheoryData<string, string, string?, int> Errors => new()
    {
        { "/wmts?REQUEST=GetCapabilities", "MissingParameterValue", "Service", 400 },
        { "/wmts?SERVICE=WMS&REQUEST=GetCapabilities", "InvalidParameterValue", "Service", 400 },
        { "/wmts?SERVICE=WMTS", "MissingParameterValue", "Request", 400 },
        // ets-wmts10 wmtsServerCommonOperationsTests.xml Server.KVP.GET.InvalidRequest: REQUEST=GetBOGUS.
        { "/wmts?SERVICE=WMTS&REQUEST=GetBOGUS&VERSION=1.0.0", "InvalidParameterValue", "Request", 400 },
        { "/wmts?SERVICE=WMTS&REQUEST=GetCapabilities&ACCEPTVERSIONS=2.0.0", "VersionNegotiationFailed", "AcceptVersions", 400 },
        { Tile().Replace("&VERSION=1.0.0", ""), "MissingParameterValue", "Version", 400 },
        { Tile().Replace("VERSION=1.0.0", "VERSION=2.0.0"), "InvalidParameterValue", "Version", 400 },
        { Tile().Replace("&LAYER=utm", ""), "MissingParameterValue", "Layer", 400 },
        { Tile().Replace("LAYER=utm", "LAYER=nope"), "InvalidParameterValue", "Layer", 400 },
        { Tile().Replace("STYLE=default", "STYLE=nope"), "InvalidParameterValue", "Style", 400 },
        { Tile().Replace("&STYLE=default", ""), "MissingParameterValue", "Style", 400 },
        { Tile().Replace("FORMAT=image/png", "FORMAT=image/gif"), "InvalidParameterValue", "Format", 400 },
        { Tile().Replace("&FORMAT=image/png", ""), "MissingParameterValue", "Format", 400 },
        { Tile().Replace("TILEMATRIXSET=WebMercatorQuad", "TILEMATRIXSET=Nope"), "InvalidParameterValue", "TileMatrixSet", 400 },
        { Tile().Replace("TILEMATRIXSET=WebMercatorQuad", "TILEMATRIXSET=UPSArcticWGS84Quad"), "InvalidParameterValue", "TileMatrixSet", 400 },
        { Tile().Replace("TILEMATRIX=10", "TILEMATRIX=99"), "InvalidParameterValue", "TileMatrix", 400 },
        { Tile().Replace("TILEROW=372", "TILEROW=1024"), "TileOutOfRange", "TileRow", 400 },
        { Tile().Replace("TILECOL=517", "TILECOL=5000"), "TileOutOfRange", "TileCol", 400 },
        { Tile().Replace("TILECOL=517", "TILECOL=-1"), "InvalidParameterValue", "TileCol", 400 },
        { Tile().Replace("TILEROW=372", "TILEROW=x"), "InvalidParameterValue", "TileRow", 400 },
        // ets-wmts10 wmtsServerGetTileTests.xml Server.KVP.GET.GetTile.Invalid.Tile.{Row,Col}.TileMatrixSetLimits: one past
        // the layer's TileMatrixLimits (zoom 10: rows 370..374, columns 516..519), inside the matrix.
        { Tile().Replace("TILECOL=517", "TILECOL=520"), "TileOutOfRange", "TileCol", 400 },
        { Tile().Replace("TILECOL=517", "TILECOL=515"), "TileOutOfRange", "TileCol", 400 },
        { Tile().Replace("TILEROW=372", "TILEROW=375"), "TileOutOfRange", "TileRow", 400 },
        { Tile().Replace("TILEROW=372", "TILEROW=369"), "TileOutOfRange", "TileRow", 400 },
        { "/wmts/1.0.0/utm/default/WebMercatorQuad/10/372/520.png", "TileOutOfRange", "TileCol", 400 },
        { "/wmts/1.0.0/utm/default/WebMercatorQuad/10/375/517.png", "TileOutOfRange", "TileRow", 400 },
        // ets-wmts10 wmtsServerGetFeatureInfoTests.xml Server.KVP.GET.GetFeatureInfo.Invalid.Tile.Col.TileMatrixSetLimits.
        { Info().Replace("TILECOL=517", "TILECOL=520"), "TileOutOfRange", "TileCol", 400 },
        { Info().Replace("I=10", "I=256"), "PointIJOutOfRange", "I", 400 },
        // ets-wmts10 wmtsServerGetFeatureInfoTests.xml Server.KVP.GET.GetFeatureInfo.Missing: I, then J, left out.
        { Info().Replace("&I=10", ""), "MissingParameterValue", "I", 400 },
        { Info().Replace("&FORMAT=image/png", ""), "MissingParameterValue", "Format", 400 },
        { Info().Replace("FORMAT=image/png", "FORMAT=image/gif"), "InvalidParameterValue", "Format", 400 },
        { Info().Replace("&J=20", ""), "MissingParameterValue", "J", 400 },
        { Info().Replace("&INFOFORMAT=application/json", ""), "MissingParameterValue", "InfoFormat", 400 },
        { Info().Replace("INFOFORMAT=application/json", "INFOFORMAT=image/png"), "InvalidParameterValue", "InfoFormat", 400 },
        { "/wmts/1.0.0/nope/default/WebMercatorQuad/10/372/517.png", "InvalidParameterValue", "Layer", 404 },
        { "/wmts/1.0.0/utm/nope/WebMercatorQuad/10/372/517.png", "InvalidParameterValue", "Style", 404 },
        { "/wmts/1.0.0/utm/default/Nope/10/372/517.png", "InvalidParameterValue", "TileMatrixSet", 404 },
        { "/wmts/1.0.0/utm/default/WebMercatorQuad/99/372/517.png", "InvalidParameterValue", "TileMatrix", 404 },
        { "/wmts/1.0.0/utm/default/WebMercatorQuad/10/372/517.gif", "InvalidParameterValue", "Format", 404 },
        { "/wmts/1.0.0/utm/default/WebMercatorQuad/10/1024/517.png", "TileOutOfRange", "TileRow", 400 },
        { "/wmts/1.0.0/utm/default/WebMercatorQuad/10/372/517/300/1.json", "PointIJOutOfRange", "J", 400 },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task Request_FailsWithAnExceptionReport(string url, string code, string? locator, int status)
    {
        await using var host = await OgcTestHost.StartAsync();
        var response = await host.Client.GetAsync(url);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(status, (int)response.StatusCode);
        var exception = XDocument.Load(new MemoryStream(body)).Root!.Elements().Single();
        Assert.Equal(code, (string?)exception.Attribute("exceptionCode"));
        Assert.Equal(locator, (string?)exception.Attribute("locator"));
        XmlValidation.AssertValidXsd(body, "ows/1.1.0/owsExceptionReport.xsd");
    }

    /// <summary>The tile holding a longitude/latitude.</summary>
    private static (int Col, int Row) TileAt(TileMatrixSet tms, TileMatrix m, double lon, double lat)
    {
        var registry = OgcTiler.Raster.Crs.CrsRegistry.Default;
        var (x, y) = registry.CreateTransform(registry.Resolve("CRS:84"), tms.Crs).Transform(lon, lat);
        return ((int)Math.Floor((x - m.OriginX) / m.TileSpanX), (int)Math.Floor((m.OriginY - y) / m.TileSpanY));
    }

    private static string Tile() =>
        "/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=utm&STYLE=default&FORMAT=image/png&TILEMATRIXSET=WebMercatorQuad&TILEMATRIX=10&TILEROW=372&TILECOL=517";

    private static string Info() =>
        Tile().Replace("REQUEST=GetTile", "REQUEST=GetFeatureInfo") + "&I=10&J=20&INFOFORMAT=application/json";
}
