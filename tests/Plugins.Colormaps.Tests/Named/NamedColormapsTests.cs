using OgcTiler.Abstractions.Rendering;

namespace OgcTiler.Plugins.Colormaps.Tests.Named;

public sealed class NamedColormapsTests
{
    private static readonly ColormapProvider Provider = new();

    /// <summary>Entries printed by matplotlib 3.6.3: (colormap(linspace(0, 1, 256)) * 255).astype(uint8).</summary>
    public static TheoryData<string, int, byte[]> MatplotlibEntries => new()
    {
        { "viridis", 0, [68, 1, 84, 255] },
        { "viridis", 100, [42, 118, 142, 255] },
        { "viridis", 255, [253, 231, 36, 255] },
        { "viridis_r", 37, [157, 217, 58, 255] },
        { "viridis_r", 200, [62, 72, 136, 255] },
        { "rdylgn", 100, [253, 220, 135, 255] },
        { "RdYlGn", 255, [0, 104, 55, 255] },
        { "terrain", 0, [51, 51, 153, 255] },
        { "terrain", 100, [145, 233, 131, 255] },
        { "gist_earth", 100, [61, 144, 93, 255] },
        { "set1", 100, [152, 78, 163, 255] },
        { "magma", 200, [253, 151, 104, 255] },
        { "cividis", 37, [34, 59, 110, 255] },
        { "greys", 200, [69, 69, 69, 255] },
        { "twilight", 37, [136, 171, 196, 255] },
        { "tab10", 37, [255, 127, 14, 255] },
        { "coolwarm", 200, [240, 139, 109, 255] },
        { "spectral_r", 255, [158, 1, 66, 255] },
    };

    /// <summary>
    /// rio-tiler's own maps: entries of its rio_tiler/cmap/*.txt tables with the first line skipped, as its reader did,
    /// and alpha 255. cfastie's also match the 256-entry RGBA cfastie array published with deck.gl-raster examples.
    /// </summary>
    public static TheoryData<string, int, byte[]> RioTilerEntries => new()
    {
        { "cfastie", 0, [255, 255, 255, 255] },
        { "cfastie", 48, [52, 52, 52, 255] },
        { "cfastie", 137, [66, 66, 80, 255] },
        { "cfastie", 200, [255, 212, 1, 255] },
        { "cfastie", 255, [255, 1, 239, 255] },
        { "rplumbo", 0, [0, 0, 0, 255] },
        { "rplumbo", 140, [186, 37, 0, 255] },
        { "rplumbo", 255, [0, 67, 8, 255] },
        { "schwarzwald", 0, [174, 239, 213, 255] },
        { "Schwarzwald", 141, [149, 21, 2, 255] },
        { "schwarzwald", 255, [233, 231, 233, 255] },
    };

    [Theory]
    [MemberData(nameof(MatplotlibEntries))]
    [MemberData(nameof(RioTilerEntries))]
    public void Entry_EqualsPublishedTable(string name, int index, byte[] rgba)
    {
        Assert.True(Provider.TryGet(name, out var colormap));
        var entry = colormap.Entries[index];
        Assert.Equal(rgba, new[] { entry.R, entry.G, entry.B, entry.A });
        Assert.Equal((index, index), (entry.Min, entry.Max));
    }

    [Fact]
    public void Names_HoldRioTilersMatplotlibSetWithReversalsAndItsOwnMaps()
    {
        Assert.Equal(166 + 3, Provider.Names.Count);
        Assert.Contains("cfastie", Provider.Names);
        Assert.Contains("rplumbo", Provider.Names);
        Assert.Contains("schwarzwald", Provider.Names);
        Assert.DoesNotContain("cfastie_r", Provider.Names);
        foreach (var name in new[] { "viridis", "plasma", "inferno", "magma", "cividis", "terrain", "gist_earth", "rdylgn", "twilight", "tab20c", "turbo" })
        {
            Assert.Contains(name, Provider.Names);
            Assert.Contains(name + "_r", Provider.Names);
        }
        Assert.All(Provider.Names, n => Assert.Equal(n.ToLowerInvariant(), n));
        Assert.False(Provider.TryGet("no-such-map", out _));
    }

    [Fact]
    public void Apply_TruncatesClampsAndMasks()
    {
        Assert.True(Provider.TryGet("viridis", out var colormap));
        float[] values = [0f, 100.9f, -20f, 300f, float.NaN, 5f];
        byte[] mask = [255, 255, 255, 255, 255, 0];
        var rgba = new byte[values.Length * 4];

        colormap.Apply(values, mask, rgba);

        Assert.Equal(Rgba(colormap, 0), rgba[0..4]);
        Assert.Equal(Rgba(colormap, 100), rgba[4..8]);
        Assert.Equal(Rgba(colormap, 0), rgba[8..12]);
        Assert.Equal(Rgba(colormap, 255), rgba[12..16]);
        Assert.Equal([255, 255, 255, 255, 0, 0], mask);
    }

    private static byte[] Rgba(IColormap colormap, int index)
    {
        var e = colormap.Entries[index];
        return [e.R, e.G, e.B, e.A];
    }
}
