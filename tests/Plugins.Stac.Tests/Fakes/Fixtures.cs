using OgcTiler.Abstractions.Raster;
using OgcTiler.TestSupport;

namespace OgcTiler.Plugins.Stac.Tests.Fakes;

/// <summary>The fixture layout of tests/data/stac (see make-fixtures.sh) and its GDAL-exported reference pixels.</summary>
internal static class Fixtures
{
    public const string Crs = "EPSG:32631";
    public const int Size = 64;
    public const double X0 = 500000, Y0 = 3300000, Resolution = 10;

    public static string ItemPath(string id) => RepoPaths.Data("stac", "items", id, id + ".json");

    public static string Published(string name) => RepoPaths.Data("stac", "published", name);

    /// <summary>Band pixels (row-major uint16) of an item's asset, as exported by GDAL.</summary>
    public static ushort[] Pixels(string item, string asset) => Cache.GetOrAdd(item + "/" + asset, _ => Load(item, asset));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, ushort[]> Cache = new();

    private static ushort[] Load(string item, string asset)
    {
        var raw = File.ReadAllBytes(RepoPaths.Data("stac", "items", item, asset + ".u16"));
        var pixels = new ushort[raw.Length / 2];
        Buffer.BlockCopy(raw, 0, pixels, 0, raw.Length);
        return pixels;
    }

    /// <summary>The column of the fixture grid where an item starts (item-b is shifted 32 columns east).</summary>
    public static int FirstColumn(string item) => item == "item-b" ? 32 : 0;

    /// <summary>A grid in the fixtures' CRS, aligned to their 10 m pixels: columns [col0, col0+width), rows [0, height).</summary>
    public static TargetGrid Grid(int col0, int width, int height = Size) =>
        new(Fixtures.Crs, X0 + col0 * Resolution, Y0 - height * Resolution, X0 + (col0 + width) * Resolution, Y0, width, height);

    /// <summary>The fixture value of an item's asset at fixture-grid column <paramref name="col"/>, or null outside/nodata.</summary>
    public static ushort? ValueAt(string item, string asset, int col, int row)
    {
        var local = col - FirstColumn(item);
        if (local < 0 || local >= Size || row < 0 || row >= Size)
            return null;
        var value = Pixels(item, asset)[row * Size + local];
        return value == 0 ? null : value;
    }
}
