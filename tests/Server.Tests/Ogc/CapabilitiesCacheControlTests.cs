namespace OgcTiler.Server.Tests.Ogc;

/// <summary>
/// Capabilities documents say Cache-Control: no-store. QGIS 3.22 asks for them with Qt's PreferCache and, measured,
/// reuses a stored copy without asking again under no header, max-age=0, must-revalidate or no-cache: only no-store
/// made it see a changed document (a new layer, new time values) on its next start.
/// </summary>
public sealed class CapabilitiesCacheControlTests
{
    [Theory]
    [InlineData("/wmts?SERVICE=WMTS&REQUEST=GetCapabilities")]
    [InlineData("/wmts/1.0.0/WMTSCapabilities.xml")]
    [InlineData("/wms?SERVICE=WMS&REQUEST=GetCapabilities&VERSION=1.3.0")]
    [InlineData("/wms?SERVICE=WMS&REQUEST=GetCapabilities&VERSION=1.1.1")]
    public async Task Capabilities_AreNotStoredByClients(string url)
    {
        await using var host = await OgcTestHost.StartAsync();

        using var response = await host.Client.GetAsync(url);

        response.EnsureSuccessStatusCode();
        Assert.True(response.Headers.CacheControl?.NoStore, $"Cache-Control: {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task Tiles_KeepTheirCacheLifetime()
    {
        await using var host = await OgcTestHost.StartAsync();

        using var response = await host.Client.GetAsync("/wmts/1.0.0/utm/default/WebMercatorQuad/10/372/517.png");

        response.EnsureSuccessStatusCode();
        Assert.False(response.Headers.CacheControl?.NoStore ?? false);
        Assert.NotNull(response.Headers.CacheControl?.MaxAge);
    }
}
