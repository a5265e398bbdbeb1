using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Server.Api.Titiler;
using OgcTiler.Server.Layers;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Tests.Layers;

public sealed class TileKeyTests
{
    private static QueryCollection Query(string query) => new(QueryHelpers.ParseQuery(query));

    /// <summary>The layer door's overrides of the style, parsed as the door parses them.</summary>
    private static RenderOptions Overrides(string query) => RenderParameters.Parse(Query(query));

    private static string LayerKey(RenderOptions? overrides) =>
        TileKey.ForLayer("s2", "WebMercatorQuad", "12", 5, 7, ImageFormat.Png, null, overrides);

    [Fact]
    public void LayerTile_HasTheSameKeyThroughTheLayerEndpointAndWmts()
    {
        var layerEndpoint = TileKey.ForLayer("s2", "WebMercatorQuad", "12", 5, 7, ImageFormat.Png, "red", Overrides("?style=red"));
        var wmts = TileKey.ForLayer("s2", "WebMercatorQuad", "12", 5, 7, ImageFormat.Png, "red", overrides: null);
        Assert.Equal(wmts, layerEndpoint);
        Assert.Equal(
            TileKey.ForLayer("s2", "WebMercatorQuad", "12", 5, 7, ImageFormat.Png, "default", null),
            TileKey.ForLayer("s2", "WebMercatorQuad", "12", 5, 7, ImageFormat.Png, null, Overrides("")));
    }

    /// <summary>Parameter order and case, bidx as a list or repeated, rescale with brackets and unknown parameters spell one request.</summary>
    [Fact]
    public void LayerTile_SpellingsOfTheSameRequest_ShareAKey()
    {
        Assert.Equal(
            LayerKey(Overrides("?bidx=1&bidx=2&rescale=0,10&resampling=bilinear")),
            LayerKey(Overrides("?RESCALE=[0,10]&Resampling=bilinear&BIDX=1,2&_=1733572800")));
        Assert.NotEqual(LayerKey(Overrides("?bidx=1,2")), LayerKey(Overrides("?bidx=2,1")));
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
        Assert.NotEqual(
            LayerKey(new RenderOptions { Expression = "b1", ColorFormula = "gamma r 2" }),
            LayerKey(new RenderOptions { Expression = "b1&color_formula=gamma r 2" }));
        Assert.NotEqual(LayerKey(new RenderOptions { Bands = ["a", "b"] }), LayerKey(new RenderOptions { Bands = ["a,b"] }));
        Assert.NotEqual(
            TileKey.ForLayer("a|b", "WebMercatorQuad", "12", 5, 7, ImageFormat.Png, null, null),
            TileKey.ForLayer("a", "b|WebMercatorQuad", "12", 5, 7, ImageFormat.Png, null, null));
        Assert.NotEqual(LayerKey(Overrides("")), TileKey.ForLayer("s2", "WebMercatorQuad", "12", 5, 7, ImageFormat.Jpeg, null, null));
    }

    /// <summary>Each option a request can give changes the key: an option added to RenderOptions and left out of the key fails here.</summary>
    [Fact]
    public void EveryRenderOption_IsPartOfTheKey()
    {
        var none = LayerKey(null);
        var properties = typeof(RenderOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToArray();
        Assert.NotEmpty(properties);
        foreach (var property in properties)
        {
            var options = new RenderOptions();
            property.SetValue(options, Another(property.PropertyType, property.GetValue(options)));
            Assert.True(LayerKey(options) != none, $"RenderOptions.{property.Name} is not part of the tile key");
        }
    }

    private static object Another(Type type, object? current) => type switch
    {
        _ when type == typeof(IReadOnlyList<int>) => new[] { 2 },
        _ when type == typeof(IReadOnlyList<string>) => new[] { "b2" },
        _ when type == typeof(IReadOnlyList<ValueRange>) => new[] { new ValueRange(0, 1) },
        _ when type == typeof(string) => "x",
        _ when type == typeof(ResamplingMethod) => ResamplingMethod.Bilinear,
        _ when type == typeof(double?) => 1.5,
        _ when type == typeof(bool) => !(bool)current!,
        _ => throw new NotSupportedException($"no other value for {type}: add one here and the option to TileKey"),
    };
}
