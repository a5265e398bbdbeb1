using System.Text.Json;
using SkiaSharp;

namespace OgcTiler.Server.Tests.Ogc.Wms;

public sealed class WmsGetMapTests
{
    // Lon 1.8..2.2, lat 43.8..44.2: inside the "utm" layer's data.
    private const string Box130Lat = "43.8,1.8,44.2,2.2";
    private const string BoxLon = "1.8,43.8,2.2,44.2";

    [Fact]
    public async Task GetMap_130_Epsg4326LatLon_111_LonLat_AndCrs84_GiveTheSamePicture()
    {
        await using var host = await OgcTestHost.StartAsync();
        var common = "&LAYERS=utm&STYLES=&WIDTH=64&HEIGHT=64&FORMAT=image/png&TRANSPARENT=TRUE";
        var v130 = await Png(host, $"/wms?SERVICE=WMS&REQUEST=GetMap&VERSION=1.3.0&CRS=EPSG:4326&BBOX={Box130Lat}{common}");
        var v111 = await Png(host, $"/wms?SERVICE=WMS&REQUEST=GetMap&VERSION=1.1.1&SRS=EPSG:4326&BBOX={BoxLon}{common}");
        var crs84 = await Png(host, $"/wms?SERVICE=WMS&REQUEST=GetMap&VERSION=1.3.0&CRS=CRS:84&BBOX={BoxLon}{common}");
        Assert.Equal(v130, v111);
        Assert.Equal(v130, crs84);
        var swapped = await Png(host, $"/wms?SERVICE=WMS&REQUEST=GetMap&VERSION=1.3.0&CRS=EPSG:4326&BBOX={BoxLon}{common}");
        Assert.NotEqual(v130, swapped);
    }

    /// <summary>ets-wms11 tests.xml wmsops-getmap-params-version-1: a GetMap naming its version with WMTVER is a map.</summary>
    [Theory]
    [InlineData("&WMTVER=1.1.1")]
    [InlineData("&VERSION=1.1.1&WMTVER=0.0.0")]
    public async Task GetMap_111_ReadsWmtverAsTheVersion(string version)
    {
        await using var host = await OgcTestHost.StartAsync();
        var common = $"&SRS=EPSG:4326&BBOX={BoxLon}&LAYERS=utm&STYLES=&WIDTH=64&HEIGHT=64&FORMAT=image/png&TRANSPARENT=TRUE";
        var wmtver = await Png(host, "/wms?REQUEST=GetMap" + version + common);
        Assert.Equal(await Png(host, "/wms?REQUEST=GetMap&VERSION=1.1.1" + common), wmtver);
    }

    [Fact]
    public async Task GetMap_BuildsTheTargetGridInEastNorthOrder()
    {
        await using var host = await OgcTestHost.StartAsync();
        await host.Client.GetByteArrayAsync($"/wms?SERVICE=WMS&REQUEST=GetMap&VERSION=1.3.0&CRS=EPSG:4326&BBOX={Box130Lat}&LAYERS=utm&STYLES=&WIDTH=30&HEIGHT=20&FORMAT=image/png&TRANSPARENT=TRUE");
        var grid = host.Pipeline.Requests.Single().Grid;
        Assert.Equal(("EPSG:4326", 1.8, 43.8, 2.2, 44.2, 30, 20), (grid.Crs, grid.MinX, grid.MinY, grid.MaxX, grid.MaxY, grid.Width, grid.Height));
    }

    [Fact]
    public async Task GetMap_StyleOptionsReachThePipeline()
    {
        await using var host = await OgcTestHost.StartAsync();
        await host.Client.GetByteArrayAsync($"/wms?SERVICE=WMS&REQUEST=GetMap&VERSION=1.1.1&SRS=EPSG:4326&BBOX={BoxLon}&LAYERS=utm&STYLES=viridis&WIDTH=8&HEIGHT=8&FORMAT=image/png");
        Assert.Equal("viridis", host.Pipeline.Requests.Single().Options.ColormapName);
    }

    [Fact]
    public async Task GetMap_Opaque_FillsNoDataWithBgcolor()
    {
        await using var host = await OgcTestHost.StartAsync();
        // Half of this box (west of lon 1.5) is outside the data.
        using var bitmap = await Bitmap(host, "/wms?SERVICE=WMS&REQUEST=GetMap&VERSION=1.1.1&SRS=EPSG:4326&BBOX=1.4,43.8,1.6,44.0&LAYERS=utm&STYLES=&WIDTH=20&HEIGHT=20&FORMAT=image/png&BGCOLOR=0x00FF00");
        Assert.Equal(new SKColor(0, 255, 0, 255), bitmap.GetPixel(1, 10));
        Assert.Equal(255, bitmap.GetPixel(18, 10).Alpha);
        Assert.NotEqual(new SKColor(0, 255, 0, 255), bitmap.GetPixel(18, 10));
    }

    [Fact]
    public async Task GetMap_SeveralLayers_AreCompositedInOrder()
    {
        await using var host = await OgcTestHost.StartAsync();
        // "world" covers everything, "utm" only the east half: drawn last, utm shows where it has data.
        var url = "/wms?SERVICE=WMS&REQUEST=GetMap&VERSION=1.1.1&SRS=EPSG:4326&BBOX=1.4,43.8,1.6,44.0&WIDTH=20&HEIGHT=20&FORMAT=image/png&TRANSPARENT=TRUE";
        using var both = await Bitmap(host, url + "&LAYERS=world,utm&STYLES=,viridis");
        using var world = await Bitmap(host, url + "&LAYERS=world&STYLES=");
        using var utm = await Bitmap(host, url + "&LAYERS=utm&STYLES=viridis");
        Assert.Equal(world.GetPixel(1, 10), both.GetPixel(1, 10));
        Assert.Equal(utm.GetPixel(18, 10), both.GetPixel(18, 10));
        Assert.NotEqual(world.GetPixel(18, 10), both.GetPixel(18, 10));
        Assert.Equal(0, utm.GetPixel(1, 10).Alpha);
    }

    [Fact]
    public async Task GetMap_SeveralLayersOverBgcolor_HoldTheTopLayersColours()
    {
        await using var host = await OgcTestHost.StartAsync();
        using var map = await Bitmap(host, "/wms?SERVICE=WMS&REQUEST=GetMap&VERSION=1.1.1&SRS=EPSG:4326&BBOX=1.4,43.8,1.6,44.0&WIDTH=20&HEIGHT=20&FORMAT=image/png&BGCOLOR=0x00FF00&LAYERS=world,utm&STYLES=,viridis");
        // Pixel centres: column 18 is lon 1.585 (utm data, viridis: blue 200), column 1 lon 1.415 (world only,
        // blue 128); row 10 is lat 43.895. GridPipeline draws red/green from lon/lat × 1000 × 2.56, wrapped to a byte.
        Assert.Equal(new SKColor(Wrap(1.585), Wrap(43.895), 200, 255), map.GetPixel(18, 10));
        Assert.Equal(new SKColor(Wrap(1.415), Wrap(43.895), 128, 255), map.GetPixel(1, 10));
    }

    private static byte Wrap(double degrees) => (byte)((int)Math.Floor(degrees * 1000 * 2.56) & 255);

    [Theory]
    [InlineData("image/jpeg", SKEncodedImageFormat.Jpeg)]
    [InlineData("image/webp", SKEncodedImageFormat.Webp)]
    [InlineData("image/png", SKEncodedImageFormat.Png)]
    public async Task GetMap_ReturnsTheRequestedFormat(string format, SKEncodedImageFormat expected)
    {
        await using var host = await OgcTestHost.StartAsync();
        var response = await host.Client.GetAsync($"/wms?SERVICE=WMS&REQUEST=GetMap&VERSION=1.3.0&CRS=EPSG:3857&BBOX=200000,5450000,210000,5460000&LAYERS=utm&STYLES=&WIDTH=32&HEIGHT=16&FORMAT={format}");
        Assert.Equal(format, response.Content.Headers.ContentType?.MediaType);
        using var codec = SKCodec.Create(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        Assert.Equal(expected, codec.EncodedFormat);
        Assert.Equal((32, 16), (codec.Info.Width, codec.Info.Height));
    }

    [Fact]
    public async Task GetFeatureInfo_130_ReturnsThePixelValuesAtIJ()
    {
        await using var host = await OgcTestHost.StartAsync();
        // 40x40 pixels over 0.4 degrees: pixel (i=10, j=30) has its centre at lon 1.905, lat 43.895.
        var json = await host.Client.GetStringAsync($"/wms?SERVICE=WMS&REQUEST=GetFeatureInfo&VERSION=1.3.0&CRS=EPSG:4326&BBOX={Box130Lat}&LAYERS=utm&STYLES=&WIDTH=40&HEIGHT=40&QUERY_LAYERS=utm&INFO_FORMAT=application/json&I=10&J=30");
        var properties = JsonDocument.Parse(json).RootElement.GetProperty("features")[0].GetProperty("properties");
        Assert.Equal(1905, properties.GetProperty("b1").GetDouble(), 0.01);
        Assert.Equal(43895, properties.GetProperty("b2").GetDouble(), 0.01);
    }

    [Fact]
    public async Task GetFeatureInfo_111_UsesXY_AndReportsNoDataOutsideTheData()
    {
        await using var host = await OgcTestHost.StartAsync();
        var text = await host.Client.GetStringAsync("/wms?SERVICE=WMS&REQUEST=GetFeatureInfo&VERSION=1.1.1&SRS=EPSG:4326&BBOX=1.4,43.8,1.6,44.0&LAYERS=utm&STYLES=&WIDTH=20&HEIGHT=20&QUERY_LAYERS=utm&INFO_FORMAT=text/plain&X=1&Y=1");
        Assert.Contains("b1 = nodata", text);
    }

    [Theory]
    [InlineData("text/html", "<td>b1</td>")]
    [InlineData("application/xml", "<Band name=\"b1\">")]
    [InlineData("application/vnd.ogc.gml", "<gml:featureMember>")]
    public async Task GetFeatureInfo_WritesEveryInfoFormat(string format, string expected)
    {
        await using var host = await OgcTestHost.StartAsync();
        var body = await host.Client.GetStringAsync($"/wms?SERVICE=WMS&REQUEST=GetFeatureInfo&VERSION=1.3.0&CRS=EPSG:4326&BBOX={Box130Lat}&LAYERS=utm&STYLES=&WIDTH=40&HEIGHT=40&QUERY_LAYERS=utm&INFO_FORMAT={format}&I=10&J=30");
        Assert.Contains(expected, body);
    }

    [Fact]
    public async Task GetLegendGraphic_DrawsAPictureOfTheRequestedSize()
    {
        await using var host = await OgcTestHost.StartAsync();
        using var bitmap = await Bitmap(host, "/wms?SERVICE=WMS&REQUEST=GetLegendGraphic&LAYER=utm&STYLE=grey&FORMAT=image/png&WIDTH=100&HEIGHT=150&SLD_VERSION=1.1.0");
        Assert.Equal((100, 150), (bitmap.Width, bitmap.Height));
        // Grey ramp of a one-band style without colormap: bright at the top, dark at the bottom.
        Assert.True(bitmap.GetPixel(10, 8).Red > 200 && bitmap.GetPixel(10, 140).Red < 60);
        // The value labels right of the ramp are drawn text: black glyph pixels on the white background.
        var label = 0;
        for (var y = 0; y < 150; y++)
            for (var x = 36; x < 100; x++)
                label += bitmap.GetPixel(x, y).Red < 80 ? 1 : 0;
        Assert.True(label > 20, $"{label} dark pixels in the label column");
    }

    private static async Task<byte[]> Png(OgcTestHost host, string url)
    {
        var response = await host.Client.GetAsync(url);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static async Task<SKBitmap> Bitmap(OgcTestHost host, string url) =>
        SKBitmap.Decode(await host.Client.GetByteArrayAsync(url));
}
