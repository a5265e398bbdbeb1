using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using OgcTiler.Server.Layers;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Tests.Layers;

public sealed class TileKeyTests
{
    private static QueryCollection Query(string query) => new(QueryHelpers.ParseQuery(query));

    [Fact]
    public void LayerTile_HasTheSameKeyThroughTheLayerEndpointAndWmts()
    {
        var layerEndpoint = TileKey.ForLayer("s2", "WebMercatorQuad", "12", 5, 7, ImageFormat.Png, "red", Query("?style=red"));
        var wmts = TileKey.ForLayer("s2", "WebMercatorQuad", "12", 5, 7, ImageFormat.Png, "red", query: null);
        Assert.Equal(wmts, layerEndpoint);
        Assert.Equal(
            TileKey.ForLayer("s2", "WebMercatorQuad", "12", 5, 7, ImageFormat.Png, "default", null),
            TileKey.ForLayer("s2", "WebMercatorQuad", "12", 5, 7, ImageFormat.Png, null, Query("")));
    }

    [Fact]
    public void Query_OrderOfNamesDoesNotMatter_OrderOfValuesDoes()
    {
        string Key(string query) => TileKey.ForSource("cog", "a.tif", "WebMercatorQuad", 3, 1, "2.png", Query(query));
        Assert.Equal(Key("?url=a.tif&bidx=1&rescale=0,10"), Key("?rescale=0,10&url=a.tif&bidx=1"));
        Assert.NotEqual(Key("?bidx=1&bidx=2"), Key("?bidx=2&bidx=1"));
    }

    [Fact]
    public void Keys_OfDifferentRequestsDoNotCollide()
    {
        string Key(string query) => TileKey.ForLayer("s2", "WebMercatorQuad", "12", 5, 7, ImageFormat.Png, null, Query(query));
        Assert.NotEqual(Key("?rescale=0,1&bidx=2"), Key("?rescale=0,1%26bidx=2"));
        Assert.NotEqual(
            TileKey.ForLayer("a|b", "WebMercatorQuad", "12", 5, 7, ImageFormat.Png, null, null),
            TileKey.ForLayer("a", "b|WebMercatorQuad", "12", 5, 7, ImageFormat.Png, null, null));
        Assert.NotEqual(Key(""), TileKey.ForLayer("s2", "WebMercatorQuad", "12", 5, 7, ImageFormat.Jpeg, null, null));
    }
}
