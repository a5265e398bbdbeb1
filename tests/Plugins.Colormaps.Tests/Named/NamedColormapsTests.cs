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
        // rio-tiler's rio_tiler/cmap_data/flag.npy and flag_r.npy, where matplotlib 3.6's sine gives green 254.
        { "flag", 85, [255, 255, 255, 255] },
        { "flag_r", 170, [255, 255, 255, 255] },
        { "flag", 1, [255, 96, 53, 255] },
    };

    /// <summary>
    /// cmocean's maps, rows of the committed Data/cmocean/&lt;name&gt;-rgb.txt (floats 0..1); for a 256-row map
    /// rio-tiler's entry is the row times 255 truncated, alpha 255; <c>_r</c> counts from the last row.
    /// </summary>
    public static TheoryData<string, int, double, double, double> CmoceanRows => new()
    {
        { "algae", 0, 8.429022637670927631e-01, 9.769128443086748659e-01, 8.146495714674897304e-01 },
        { "algae", 255, 6.885643403782271132e-02, 1.420894601159049808e-01, 7.903362825094448207e-02 },
        { "algae_r", 0, 6.885643403782271132e-02, 1.420894601159049808e-01, 7.903362825094448207e-02 },
        { "thermal", 0, 1.555601333154079877e-02, 1.382442454646408414e-01, 2.018108864558305071e-01 },
        { "thermal", 98, 5.225287136638799845e-01, 3.162517164128481606e-01, 5.568820534159194535e-01 },
        { "Thermal_r", 255, 1.555601333154079877e-02, 1.382442454646408414e-01, 2.018108864558305071e-01 },
        { "oxy", 51, 3.124295956605860902e-01, 3.104471192643529220e-01, 3.090926227255514358e-01 },
        { "topo", 128, 5.237510688652501772e-02, 1.452546228317073418e-01, 7.751950190923809214e-02 },
        { "phase", 255, 6.583083928921535932e-01, 4.699391690315524728e-01, 4.941288204103298082e-02 },
        { "tarn_r", 0, 6.152266558088163168e-02, 1.182670459661474271e-01, 3.108793933905304452e-01 },
        // 512-row maps: the first and last entries are the first and last rows.
        { "curl", 0, 8.225559928700268419e-02, 1.149244079727295142e-01, 2.647901677800857390e-01 },
        { "curl", 255, 2.034002463374002811e-01, 5.125715285178860520e-02, 2.085372063771265272e-01 },
        { "delta_r", 0, 9.053276383981978537e-02, 1.373386075843833487e-01, 7.325761429945673586e-02 },
        { "delta_r", 255, 6.597738601379860013e-02, 1.238600499381984077e-01, 2.494811599712867811e-01 },
        // amp, speed, balance: the map sampled at 256 levels, six decimals (kthyng/cmocean-paraview xml).
        { "amp", 0, 0.946347, 0.929010, 0.925753 },
        { "amp", 99, 0.795908, 0.480328, 0.374516 },
        { "speed", 0, 0.999625, 0.991371, 0.804101 },
        { "speed", 129, 0.366254, 0.568790, 0.050718 },
        { "balance", 127, 0.943877, 0.927091, 0.924148 },
        { "balance_r", 0, 0.236056, 0.035297, 0.069437 },
    };

    [Theory]
    [MemberData(nameof(CmoceanRows))]
    public void CmoceanEntry_IsItsRowTimes255Truncated(string name, int index, double red, double green, double blue)
    {
        Assert.True(Provider.TryGet(name, out var colormap));
        var entry = colormap.Entries[index];
        Assert.Equal(new[] { (byte)(red * 255), (byte)(green * 255), (byte)(blue * 255), (byte)255 }, new[] { entry.R, entry.G, entry.B, entry.A });
    }

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
    public void Names_HoldRioTilersMatplotlibSetWithReversalsItsOwnMapsAndCmoceans()
    {
        Assert.Equal(166 + 3 + 2 * CmoceanNames.Length, Provider.Names.Count);
        foreach (var name in CmoceanNames)
        {
            Assert.Contains(name, Provider.Names);
            Assert.Contains(name + "_r", Provider.Names);
        }
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

    /// <summary>cmocean's maps in rio-tiler: all but <c>gray</c>, whose name matplotlib already has.</summary>
    private static readonly string[] CmoceanNames =
        [
            "algae", "amp", "balance", "curl", "deep", "delta", "dense", "diff", "haline", "ice", "matter", "oxy", "phase",
            "rain", "solar", "speed", "tarn", "tempo", "thermal", "topo", "turbid",
        ];

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
