using OgcTiler.Abstractions.Errors;
using OgcTiler.Server.Configuration;
using OgcTiler.Server.Rendering.Encoders;
using OgcTiler.Server.Sources;

namespace OgcTiler.Server.Tests.Sources;

public sealed class AccessPolicyTests
{
    private static readonly AccessPolicy Policy = new(new ServerOptions(
        "/srv/config",
        new ServiceOptions("t", null, [], null, null, null, null),
        new SourcesOptions(["/srv/data", "/mnt/cogs/"], ["https://example.com/cogs/"], [], UpstreamOptions.Default),
        new TileMatrixSetsOptions(null),
        [],
        new CacheOptions(new TileCacheOptions(true, 1, 0), 1, 0, null),
        new EncodingOptions(new PngOptions(PngFilter.Up, 1), 85, 75)));

    [Theory]
    [InlineData("/srv/data/a.tif", "/srv/data/a.tif")]
    [InlineData("/srv/data/sub/../b.tif", "/srv/data/b.tif")]
    [InlineData("../data/c.tif", "/srv/data/c.tif")]
    [InlineData("file:///mnt/cogs/d.tif", "/mnt/cogs/d.tif")]
    [InlineData("https://example.com/cogs/e.tif", "https://example.com/cogs/e.tif")]
    [InlineData("HTTPS://EXAMPLE.COM/cogs/f.tif", "HTTPS://EXAMPLE.COM/cogs/f.tif")]
    public void EnsureAllowed_InsideRootsAndPrefixes_ReturnsWhatToOpen(string given, string expected) =>
        Assert.Equal(expected, Policy.EnsureAllowed(given));

    [Theory]
    [InlineData("/srv/data/../secret.tif", "outside the allowed folders")]
    [InlineData("/srv/database/a.tif", "outside the allowed folders")]
    [InlineData("/etc/passwd", "outside the allowed folders")]
    [InlineData("https://example.com/other/e.tif", "does not start with an allowed prefix")]
    [InlineData("http://example.com/cogs/e.tif", "does not start with an allowed prefix")]
    [InlineData("ftp://example.com/cogs/e.tif", "scheme 'ftp' is not supported")]
    public void EnsureAllowed_Elsewhere_IsDeniedWithTheReason(string given, string reason)
    {
        var error = Assert.Throws<AccessDeniedException>(() => Policy.EnsureAllowed(given));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void EnsureAllowed_Empty_IsAnInvalidParameter() =>
        Assert.Equal("url", Assert.Throws<InvalidParameterException>(() => Policy.EnsureAllowed(" ")).Parameter);

    [Theory]
    [InlineData("/srv/data/a\0.tif")]
    [InlineData("https://example.com/cogs/\u0001e.tif")]
    [InlineData("https://example.com/cogs/e.tif\r\nHost: other")]
    public void EnsureAllowed_ControlCharacters_AreAnInvalidParameter(string given)
    {
        var error = Assert.Throws<InvalidParameterException>(() => Policy.EnsureAllowed(given));
        Assert.Equal("url", error.Parameter);
        Assert.Contains("control characters", error.Message);
    }
}
