using System.Net;
using OgcTiler.Server.Tests.Api;

namespace OgcTiler.Server.Tests.Ogc.Wms;

/// <summary>
/// GetMap pictures are cached under the parsed request (the real server and raster engine on a GDAL-made COG): an
/// equivalent request is a hit on the first one's entry, a request for another picture is not.
/// </summary>
public sealed class WmsCacheKeyTests : IDisposable
{
    // Inside the COG's WGS84 box (lon 3.000..3.016, lat 45.145..45.153): lat,lon in 1.3.0's EPSG:4326, lon,lat in 1.1.1's.
    private const string First = "/wms?SERVICE=WMS&REQUEST=GetMap&VERSION=1.3.0&LAYERS=demo&STYLES=&CRS=EPSG:4326&BBOX=45.146,3.004,45.152,3.012&WIDTH=128&HEIGHT=96&FORMAT=image/png";

    private readonly ServerFactory _server;

    public WmsCacheKeyTests()
    {
        _server = new ServerFactory(ServerFactory.DemoConfig(), opener: null);
        File.Copy(RealCogs.Path("visual.tif"), _server.DataPath("demo.tif"));
    }

    public void Dispose() => _server.Dispose();

    [Theory]
    [InlineData("/wms?format=image/png&height=96&width=128&bbox=45.146,3.004,45.152,3.012&crs=EPSG:4326&styles=&layers=demo&version=1.3.0&request=GetMap&service=WMS")]
    [InlineData("/wms?SERVICE=WMS&REQUEST=GetMap&VERSION=1.3.0&LAYERS=demo&STYLES=default&CRS=EPSG:4326&BBOX=45.146,3.004,45.152,3.012&WIDTH=128&HEIGHT=96&FORMAT=image/png&TRANSPARENT=FALSE&BGCOLOR=0xFFFFFF&EXCEPTIONS=XML")]
    [InlineData("/wms?SERVICE=WMS&REQUEST=GetMap&VERSION=1.1.1&LAYERS=demo&STYLES=&SRS=EPSG:4326&BBOX=3.004,45.146,3.012,45.152&WIDTH=128&HEIGHT=96&FORMAT=image/png")]
    [InlineData("/wms?SERVICE=WMS&REQUEST=GetMap&VERSION=1.3.0&LAYERS=demo&STYLES=&CRS=EPSG:4326&BBOX=45.1460,3.004e0,45.152,3.0120&WIDTH=0128&HEIGHT=96&FORMAT=image/png")]
    public async Task AnEquivalentGetMap_IsAHitOnTheFirstOnesEntry(string equivalent)
    {
        var client = _server.CreateClient();
        var first = await client.GetAsync(First);
        Assert.Equal("OgcTiler; fwd=miss; stored", CacheStatus(first));

        var second = await client.GetAsync(equivalent);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("OgcTiler; hit", CacheStatus(second));
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("TRANSPARENT=TRUE")]
    [InlineData("BGCOLOR=0x000000")]
    [InlineData("STYLES=rgb")]
    [InlineData("WIDTH=64&HEIGHT=48")]
    [InlineData("FORMAT=image/jpeg")]
    [InlineData("BBOX=3.004,45.146,3.012,45.152")] // the 1.1.1 order in a 1.3.0 request: another box
    [InlineData("CRS=EPSG:3857&BBOX=334400,5646000,335300,5647000")]
    public async Task AGetMapForAnotherPicture_IsAMiss(string change)
    {
        var client = _server.CreateClient();
        var first = await client.GetAsync(First);
        Assert.Equal("OgcTiler; fwd=miss; stored", CacheStatus(first));

        var second = await client.GetAsync(With(change));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("OgcTiler; fwd=miss; stored", CacheStatus(second));
        Assert.NotEqual(first.Headers.ETag, second.Headers.ETag);
    }

    /// <summary><see cref="First"/> with the parameters of <paramref name="change"/> set to its values.</summary>
    private static string With(string change)
    {
        var parameters = First[(First.IndexOf('?') + 1)..].Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        foreach (var pair in change.Split('&').Select(p => p.Split('=', 2)))
            parameters[pair[0]] = pair[1];
        return "/wms?" + string.Join('&', parameters.Select(p => $"{p.Key}={p.Value}"));
    }

    private static string? CacheStatus(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Cache-Status", out var values) ? values.Single() : null;
}
