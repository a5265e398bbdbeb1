using System.IO.Compression;
using System.Text.Json;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Tiff;
using OgcTiler.Raster.Warp;
using OgcTiler.TestSupport;

namespace OgcTiler.Raster.Tests.Tiff;

/// <summary>
/// The fixtures of tests/data/tiff (made by make-fixtures.sh) and GDAL's decode of each, from manifest.json.
/// </summary>
internal static class TiffFixtures
{
    private static readonly Lazy<JsonElement> Manifest = new(() =>
        JsonDocument.Parse(File.ReadAllText(RepoPaths.Data("tiff", "manifest.json"))).RootElement);

    public static string PathOf(string name) => RepoPaths.Data("tiff", "files", name);

    public static JsonElement Entry(string name) => Manifest.Value.GetProperty(name);

    /// <summary>Fixtures GDAL reads, except the broken ones GDAL tolerates.</summary>
    public static IEnumerable<string> Readable(Func<string, bool> filter) =>
        Manifest.Value.EnumerateObject()
            .Where(p => !p.Value.TryGetProperty("error", out _) && !p.Name.StartsWith("broken_", StringComparison.Ordinal))
            .Select(p => p.Name)
            .Where(filter);

    public static async Task<GeoTiffDataset> OpenAsync(string name, int cacheMb = 64)
    {
        var opener = new RasterOpener(new HttpClient(), cacheMb);
        return (GeoTiffDataset)await opener.OpenAsync(PathOf(name), CancellationToken.None);
    }

    /// <summary>GDAL's samples of a reference file as float32 (the reader's block type), band-sequential.</summary>
    public static float[] Reference(string refName)
    {
        var raw = ReferenceBytes(refName);
        return refName.Split('.')[1] switch
        {
            "uint8" => raw.Select(b => (float)b).ToArray(),
            "int8" => raw.Select(b => (float)(sbyte)b).ToArray(),
            "uint16" => Cast<ushort>(raw, v => v),
            "int16" => Cast<short>(raw, v => v),
            "uint32" => Cast<uint>(raw, v => v),
            "int32" => Cast<int>(raw, v => v),
            "float32" => Cast<float>(raw, v => v),
            "float64" => Cast<double>(raw, v => (float)v),
            var t => throw new InvalidOperationException("unknown reference type " + t),
        };
    }

    /// <summary>GDAL's samples of a reference file in their own type (little-endian bytes), band-sequential.</summary>
    public static byte[] ReferenceBytes(string refName)
    {
        using var gz = new GZipStream(File.OpenRead(RepoPaths.Data("tiff", "refs", refName)), CompressionMode.Decompress);
        using var ms = new MemoryStream();
        gz.CopyTo(ms);
        return Unshuffle(ms.ToArray(), SampleSize(refName));
    }

    /// <summary>Reads every block of a level and assembles bands (band-sequential) and the mask of the whole level.</summary>
    public static async Task<(float[] Samples, byte[]? Mask)> ReadLevelAsync(IBlockedRaster raster, int level)
    {
        var l = raster.Levels[level];
        var indexes = new List<BlockIndex>();
        for (var y = 0; y < l.BlocksDown; y++)
            for (var x = 0; x < l.BlocksAcross; x++)
                indexes.Add(new BlockIndex(x, y));
        var blocks = await raster.ReadBlocksAsync(level, indexes, CancellationToken.None);
        var samples = new float[l.Width * l.Height * raster.BandCount];
        var mask = blocks[0].Mask is null ? null : new byte[l.Width * l.Height];
        for (var i = 0; i < indexes.Count; i++)
        {
            var (bx, by) = (indexes[i].X * l.BlockWidth, indexes[i].Y * l.BlockHeight);
            var block = blocks[i];
            for (var y = 0; y < l.BlockHeight && by + y < l.Height; y++)
            {
                var w = Math.Min(l.BlockWidth, l.Width - bx);
                for (var b = 0; b < raster.BandCount; b++)
                    block.CopyTo(b, y * l.BlockWidth, samples.AsSpan(b * l.Width * l.Height + (by + y) * l.Width + bx, w));
                block.Mask?.AsSpan(y * l.BlockWidth, w).CopyTo(mask.AsSpan((by + y) * l.Width + bx));
            }
        }
        return (samples, mask);
    }

    private static int SampleSize(string refName) => refName.Split('.')[1] switch
    {
        "uint8" or "int8" => 1,
        "uint16" or "int16" => 2,
        "float64" => 8,
        _ => 4,
    };

    /// <summary>Undoes the storage format of export_refs.py: byte deltas, then byte planes back to samples.</summary>
    private static byte[] Unshuffle(byte[] data, int size)
    {
        for (var i = 1; i < data.Length; i++)
            data[i] += data[i - 1];
        var count = data.Length / size;
        var result = new byte[data.Length];
        for (var b = 0; b < size; b++)
            for (var i = 0; i < count; i++)
                result[i * size + b] = data[b * count + i];
        return result;
    }

    private static float[] Cast<T>(byte[] raw, Func<T, float> convert) where T : unmanaged =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(raw).ToArray().Select(convert).ToArray();

    public static RasterDataType DataType(string name) => Enum.Parse<RasterDataType>(Entry(name).GetProperty("dataType").GetString()!);
}
