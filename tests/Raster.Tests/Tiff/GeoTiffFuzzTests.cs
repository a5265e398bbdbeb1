using System.IO.Compression;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Raster.Tiff;
using OgcTiler.Raster.Warp;

namespace OgcTiler.Raster.Tests.Tiff;

[CollectionDefinition(nameof(GeoTiffFuzzTests), DisableParallelization = true)]
public sealed class GeoTiffFuzzCollection;

/// <summary>
/// A fuzz corpus made from small valid fixtures with a fixed seed: one structural change each (huge counts, offsets
/// and dimensions, wrong field types, IFD loops and bad IFD sizes, zero or huge block sizes and offsets, odd sample
/// layouts, byte flips, truncations) and DEFLATE bombs. Opening and reading each must give data or a
/// <see cref="RasterFormatException"/> naming the file: no other exception, no hang, bounded allocation. Runs alone
/// (no parallel tests) so the allocation it measures is its own.
/// </summary>
[Collection(nameof(GeoTiffFuzzTests))]
public sealed class GeoTiffFuzzTests
{
    private const int Seed = 20261206;

    private const int CasesPerFixture = 60;

    private static readonly TimeSpan HangBound = TimeSpan.FromSeconds(30);

    private const long AllocationBound = 256L << 20;

    private static readonly string[] Fixtures =
    [
        "cog_overviews_u16.tif", "cog_mask_u16.tif", "bigtiff_u16.tif", "bigendian_bigtiff_p2_i32.tif", "bigendian_p2_u16.tif",
        "lzw_p2_u16.tif", "zstd_p1_u16.tif", "planar2_strip_u16x3.tif", "jpeg_ycbcr.tif", "packbits_u8.tif",
    ];

    private static readonly int[] DimensionTags = [256, 257, 322, 323, 278];

    private static readonly int[] LayoutTags = [258, 259, 262, 277, 284, 317, 338, 339];

    private static readonly int[] BlockTableTags = [273, 279, 324, 325];

    private static readonly ulong[] Extremes = [0, 1, 2, 3, 7, 16, 31, 64, 128, 255, 65535, 0x7FFFFFFF, 0xFFFFFFFF];

    private delegate string Mutation(byte[] file, TiffLayout layout, Random random);

    private static readonly Mutation[] Mutations =
    [
        HugeCount, BadValueOffset, WrongType, BadDimension, BadSampleLayout, BadBlockTable, BadNextIfd, BadEntryCount, FlipHeaderBytes,
    ];

    [Fact]
    public async Task OpenAndRead_MutatedHeadersAndIfds_GiveDataOrATypedRefusal()
    {
        var random = new Random(Seed);
        var folder = Directory.CreateTempSubdirectory("tiff-fuzz");
        var outcomes = new Dictionary<string, int> { ["data"] = 0, ["refused"] = 0 };
        try
        {
            foreach (var fixture in Fixtures)
            {
                var source = await File.ReadAllBytesAsync(TiffFixtures.PathOf(fixture));
                var layout = TiffLayout.Read(source);
                for (var i = 0; i < CasesPerFixture; i++)
                {
                    var bytes = (byte[])source.Clone();
                    var mutation = Mutations[random.Next(Mutations.Length)];
                    var change = mutation(bytes, layout, random);
                    if (random.Next(8) == 0)
                    {
                        var length = random.Next(8, bytes.Length);
                        bytes = bytes[..length];
                        change += $", cut at {length}";
                    }
                    var outcome = await OpenAndReadBoundedAsync(folder.FullName, bytes, $"{fixture} case {i}: {change}");
                    outcomes[outcome]++;
                }
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
        // The corpus exercises both outcomes: a mutation set that only broke files (or none) would prove little.
        Assert.True(outcomes["data"] > 20 && outcomes["refused"] > 100, $"{outcomes["data"]} read, {outcomes["refused"]} refused");
    }

    /// <summary>DEFLATE blocks that inflate to far more than a block (up to 1 GiB): refused or cut at the block size.</summary>
    [Theory]
    [InlineData(1L << 20)]
    [InlineData(1L << 30)]
    public async Task Read_DeflateBombBlock_IsBounded(long inflatedSize)
    {
        var source = await File.ReadAllBytesAsync(TiffFixtures.PathOf("deflate_p2_u16.tif"));
        var layout = TiffLayout.Read(source);
        var bomb = ZlibOfZeros(inflatedSize);
        var bytes = new byte[source.Length + bomb.Length];
        source.CopyTo(bytes, 0);
        bomb.CopyTo(bytes, source.Length);
        var ifd = layout.Ifds[0];
        var offsets = ifd.Entries.Single(e => e.Tag == 324);
        var counts = ifd.Entries.Single(e => e.Tag == 325);
        layout.Write(bytes, layout.ValuesPosition(offsets), TiffLayout.TypeSize(offsets.Type), (ulong)source.Length);
        layout.Write(bytes, layout.ValuesPosition(counts), TiffLayout.TypeSize(counts.Type), (ulong)bomb.Length);
        var folder = Directory.CreateTempSubdirectory("tiff-bomb");
        try
        {
            await OpenAndReadBoundedAsync(folder.FullName, bytes, $"first block inflating to {inflatedSize} bytes");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Opens and reads the file within the time and allocation bounds; "data" or "refused" (a typed error naming it).</summary>
    private static async Task<string> OpenAndReadBoundedAsync(string folder, byte[] bytes, string description)
    {
        var path = Path.Combine(folder, "case.tif");
        await File.WriteAllBytesAsync(path, bytes);
        var allocated = GC.GetTotalAllocatedBytes();
        string outcome;
        try
        {
            await OpenAndReadAsync(path).WaitAsync(HangBound);
            outcome = "data";
        }
        catch (RasterFormatException e)
        {
            Assert.True(e.Uri == path, $"{description}: the refusal names {e.Uri}");
            outcome = "refused";
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"{description}: no answer within {HangBound.TotalSeconds} s");
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"{description}: {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
        }
        var used = GC.GetTotalAllocatedBytes() - allocated;
        Assert.True(used < AllocationBound, $"{description}: {used >> 20} MiB allocated");
        return outcome;
    }

    /// <summary>Opens the file with a fresh cache and reads the first and last blocks of every level.</summary>
    private static async Task OpenAndReadAsync(string path)
    {
        using var opener = new RasterOpener(new HttpClient(), 16);
        var dataset = (GeoTiffDataset)await opener.OpenAsync(path, CancellationToken.None);
        for (var level = 0; level < dataset.Levels.Count; level++)
        {
            var l = dataset.Levels[level];
            BlockIndex[] blocks = [new(0, 0), new(l.BlocksAcross - 1, l.BlocksDown - 1)];
            await dataset.ReadBlocksAsync(level, blocks.Distinct().ToList(), CancellationToken.None);
        }
    }

    private static byte[] ZlibOfZeros(long size)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (long written = 0; written < size; written += zeros.Length)
                zlib.Write(zeros, 0, (int)Math.Min(zeros.Length, size - written));
        }
        return output.ToArray();
    }

    private static (TiffLayout.Ifd Ifd, TiffLayout.Entry Entry) AnyEntry(TiffLayout layout, Random random, int[]? tags = null)
    {
        var ifd = layout.Ifds[random.Next(layout.Ifds.Count)];
        var candidates = tags is null ? ifd.Entries : ifd.Entries.Where(e => tags.Contains(e.Tag)).ToList();
        if (candidates.Count == 0)
            candidates = ifd.Entries;
        return (ifd, candidates[random.Next(candidates.Count)]);
    }

    private static ulong Extreme(Random random, ulong fileLength) =>
        random.Next(4) == 0 ? fileLength + (ulong)random.Next(0, 64) : Extremes[random.Next(Extremes.Length)];

    private static string HugeCount(byte[] file, TiffLayout layout, Random random)
    {
        var (_, entry) = AnyEntry(layout, random);
        var count = layout.BigTiff ? 1UL << random.Next(31, 62) : (ulong)random.NextInt64(1L << 24, 1L << 32);
        layout.WriteWord(file, entry.Position + 4, count);
        return $"tag {entry.Tag} count := {count}";
    }

    private static string BadValueOffset(byte[] file, TiffLayout layout, Random random)
    {
        var (_, entry) = AnyEntry(layout, random);
        var value = Extreme(random, (ulong)file.Length);
        layout.WriteWord(file, entry.ValuePosition, value);
        return $"tag {entry.Tag} value/offset := {value}";
    }

    private static string WrongType(byte[] file, TiffLayout layout, Random random)
    {
        var (_, entry) = AnyEntry(layout, random);
        var type = random.Next(0, 20);
        layout.Write(file, entry.Position + 2, 2, (ulong)type);
        return $"tag {entry.Tag} type := {type}";
    }

    private static string BadDimension(byte[] file, TiffLayout layout, Random random) => SetFirstValue(file, layout, random, DimensionTags);

    private static string BadSampleLayout(byte[] file, TiffLayout layout, Random random) => SetFirstValue(file, layout, random, LayoutTags);

    /// <summary>Sets the first value of one of <paramref name="tags"/> (inline or where its offset points) to an extreme.</summary>
    private static string SetFirstValue(byte[] file, TiffLayout layout, Random random, int[] tags)
    {
        var (_, entry) = AnyEntry(layout, random, tags);
        var value = Extreme(random, (ulong)file.Length);
        layout.Write(file, layout.ValuesPosition(entry), Math.Max(1, TiffLayout.TypeSize(entry.Type)), value);
        return $"tag {entry.Tag}[0] := {value}";
    }

    private static string BadBlockTable(byte[] file, TiffLayout layout, Random random)
    {
        var (_, entry) = AnyEntry(layout, random, BlockTableTags);
        var index = random.NextInt64(0, Math.Max(1, entry.Count));
        var size = Math.Max(1, TiffLayout.TypeSize(entry.Type));
        var value = Extreme(random, (ulong)file.Length);
        layout.Write(file, layout.ValuesPosition(entry) + index * size, size, value);
        return $"tag {entry.Tag}[{index}] := {value}";
    }

    private static string BadNextIfd(byte[] file, TiffLayout layout, Random random)
    {
        var ifd = layout.Ifds[random.Next(layout.Ifds.Count)];
        ulong[] targets = [(ulong)ifd.Position, (ulong)layout.Ifds[0].Position, (ulong)ifd.Position + 1, (ulong)file.Length + 8, 0xFFFFFFFF, 8];
        var target = targets[random.Next(targets.Length)];
        layout.WriteWord(file, ifd.NextPointerPosition, target);
        return $"IFD at {ifd.Position}: next := {target}";
    }

    private static string BadEntryCount(byte[] file, TiffLayout layout, Random random)
    {
        var ifd = layout.Ifds[random.Next(layout.Ifds.Count)];
        ulong[] counts = [0, 1, (ulong)ifd.Entries.Count + 1, (ulong)ifd.Entries.Count - 1, 0xFFFF, layout.BigTiff ? 1UL << 40 : 0xFFFF];
        var count = counts[random.Next(counts.Length)];
        layout.Write(file, ifd.Position, ifd.EntryCountSize, count);
        return $"IFD at {ifd.Position}: entry count := {count}";
    }

    private static string FlipHeaderBytes(byte[] file, TiffLayout layout, Random random)
    {
        var end = (int)Math.Min(file.Length, layout.Ifds.Max(i => i.NextPointerPosition) + layout.WordSize);
        var flips = random.Next(1, 9);
        for (var k = 0; k < flips; k++)
            file[random.Next(0, end)] ^= (byte)(1 << random.Next(8));
        return $"{flips} bits flipped in bytes 0..{end}";
    }
}
