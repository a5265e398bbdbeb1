using System.IO.Compression;
using System.Text.Json;
using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Geometry;
using OgcTiler.Raster.Warp;
using OgcTiler.TestSupport;

namespace OgcTiler.Raster.Tests.Warp;

/// <summary>One gdalwarp output described in tests/data/warp/goldens.json.</summary>
public sealed record GoldenCase(string Name, string Source, string Tms, string Crs, int Z, int Col, int Row, double[] Bounds,
    int Width, int Height, string Resampling, int GdalLevel, int ValidPixels)
{
    public override string ToString() => Name;
}

internal sealed record GoldenLevel(int Width, int Height, string File, double[] GeoTransform);

internal sealed record GoldenSource(string Crs, double? Nodata, GoldenLevel[] Levels);

internal sealed record GoldenManifest(Dictionary<string, GoldenSource> Sources, GoldenCase[] Cases);

/// <summary>Loads the warp goldens made by tests/data/warp/make-goldens.sh (see make_goldens.py for the format).</summary>
internal static class GoldenFixtures
{
    private static readonly Lazy<GoldenManifest> Manifest = new(() =>
        JsonSerializer.Deserialize<GoldenManifest>(File.ReadAllText(RepoPaths.Data("warp", "goldens.json")),
            new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!);

    public static IEnumerable<GoldenCase> Cases => Manifest.Value.Cases;

    public static GoldenSource Source(string name) => Manifest.Value.Sources[name];

    /// <summary>The source as an in-memory blocked raster (256×256 blocks, like a COG).</summary>
    public static InMemoryBlockedRaster OpenSource(string name, CrsRegistry crs, int blockSize = 256)
    {
        var source = Source(name);
        var levels = source.Levels.Select(l =>
        {
            var (values, _) = ReadArrays(Path.Combine("sources", l.File), l.Width, l.Height, withMask: false);
            var gt = l.GeoTransform;
            var level = new RasterLevel(l.Width, l.Height, blockSize, blockSize, new GeoTransform(gt[0], gt[1], gt[2], gt[3], gt[4], gt[5]));
            return new InMemoryLevel(level, values);
        }).ToArray();
        return new InMemoryBlockedRaster(name, crs.Resolve(source.Crs), 1, source.Nodata, levels);
    }

    /// <summary>gdalwarp's values (as float) and mask (255 valid) for a case.</summary>
    public static (float[] Values, byte[] Mask) Expected(GoldenCase c)
    {
        var (values, mask) = ReadArrays(Path.Combine("goldens", c.Name + ".bin.z"), c.Width, c.Height, withMask: true);
        return (values, mask!);
    }

    private static (float[] Values, byte[]? Mask) ReadArrays(string relativePath, int width, int height, bool withMask)
    {
        using var file = File.OpenRead(RepoPaths.Data("warp", relativePath));
        using var zlib = new ZLibStream(file, CompressionMode.Decompress);
        var count = width * height;
        var bytes = new byte[count * (withMask ? 3 : 2)];
        zlib.ReadExactly(bytes);
        var values = new float[count];
        for (var y = 0; y < height; y++)
        {
            ushort running = 0;
            for (var x = 0; x < width; x++)
            {
                var i = y * width + x;
                running = unchecked((ushort)(running + (bytes[i] | bytes[count + i] << 8)));
                values[i] = running;
            }
        }
        return (values, withMask ? bytes.AsSpan(2 * count, count).ToArray() : null);
    }
}
