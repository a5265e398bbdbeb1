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

    /// <summary>WebMercatorQuad 3/1/2 at 256 pixels.</summary>
    private static readonly TargetGrid SourceGrid = new("EPSG:3857", -15028131.257091932, 5009377.085697312, -10018754.171394622, 10018754.171394622, 256, 256);

    private static string SourceKey(RenderOptions options, TargetGrid? grid = null) =>
        TileKey.ForSource("cog", "a.tif", "WebMercatorQuad", 3, 1, 2, grid ?? SourceGrid, ImageFormat.Png, options);

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

    /// <summary>
    /// A /cog or /stac tile's parsed parameters spelled in other orders, cases and number forms share a key; the order
    /// of bidx values does not (it orders the output bands).
    /// </summary>
    [Fact]
    public void SourceTile_SpellingsOfTheSameRequest_ShareAKey()
    {
        Assert.Equal(
            SourceKey(Overrides("?rescale=0,6000&bidx=1")),
            SourceKey(Overrides("?bidx=1&rescale=0,6000")));
        Assert.Equal(
            SourceKey(Overrides("?bidx=1&bidx=2&rescale=0,6000&nodata=0&resampling=bilinear")),
            SourceKey(Overrides("?Resampling=bilinear&NODATA=0.0&RESCALE=[0,6e3]&BIDX=1,2&_=1733572800")));
        Assert.NotEqual(SourceKey(Overrides("?bidx=1&bidx=2")), SourceKey(Overrides("?bidx=2&bidx=1")));
    }

    [Fact]
    public void SourceTile_KeepsTheSourceTheTileAndTheFormatApart()
    {
        var key = SourceKey(new RenderOptions());
        Assert.NotEqual(key, TileKey.ForSource("stac", "a.tif", "WebMercatorQuad", 3, 1, 2, SourceGrid, ImageFormat.Png, new RenderOptions()));
        Assert.NotEqual(key, TileKey.ForSource("cog", "b.tif", "WebMercatorQuad", 3, 1, 2, SourceGrid, ImageFormat.Png, new RenderOptions()));
        Assert.NotEqual(key, TileKey.ForSource("cog", "a.tif", "WorldCRS84Quad", 3, 1, 2, SourceGrid, ImageFormat.Png, new RenderOptions()));
        Assert.NotEqual(key, TileKey.ForSource("cog", "a.tif", "WebMercatorQuad", 3, 1, 3, SourceGrid, ImageFormat.Png, new RenderOptions()));
        Assert.NotEqual(key, TileKey.ForSource("cog", "a.tif", "WebMercatorQuad", 3, 1, 2, SourceGrid, ImageFormat.Jpeg, new RenderOptions()));
        Assert.NotEqual(
            TileKey.ForSource("cog", "a|b", "WebMercatorQuad", 3, 1, 2, SourceGrid, ImageFormat.Png, new RenderOptions()),
            TileKey.ForSource("cog|a", "b", "WebMercatorQuad", 3, 1, 2, SourceGrid, ImageFormat.Png, new RenderOptions()));
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
    [Theory]
    [InlineData("layer")]
    [InlineData("source")]
    public void EveryRenderOption_IsPartOfTheKey(string door)
    {
        Func<RenderOptions?, string> key = door == "layer" ? LayerKey : options => SourceKey(options ?? new RenderOptions());
        var none = key(null);
        var properties = typeof(RenderOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToArray();
        Assert.NotEmpty(properties);
        foreach (var property in properties)
        {
            var options = new RenderOptions();
            property.SetValue(options, Another(property.PropertyType, property.GetValue(options)));
            Assert.True(key(options) != none, $"RenderOptions.{property.Name} is not part of the {door} tile key");
        }
    }

    /// <summary>The grid a /cog or /stac tile is rendered on (its size from tilesize or @2x, its buffer, its overview rule) is part of the key.</summary>
    [Fact]
    public void EveryPropertyOfTheSourceTileGrid_IsPartOfTheKey()
    {
        var none = SourceKey(new RenderOptions());
        var properties = typeof(TargetGrid).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToArray();
        Assert.NotEmpty(properties);
        foreach (var property in properties)
        {
            var grid = SourceGrid with { };
            property.SetValue(grid, property.PropertyType switch
            {
                _ when property.PropertyType == typeof(string) => "EPSG:4326",
                _ when property.PropertyType == typeof(OverviewRule) => OverviewRule.RasterIo,
                _ => Convert.ChangeType(1, property.PropertyType),
            });
            Assert.True(SourceKey(new RenderOptions(), grid) != none, $"TargetGrid.{property.Name} is not part of the source tile key");
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
