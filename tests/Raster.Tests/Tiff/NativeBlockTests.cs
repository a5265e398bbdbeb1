using System.Numerics;
using System.Runtime.InteropServices;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Tiff;
using OgcTiler.Raster.Warp;

namespace OgcTiler.Raster.Tests.Tiff;

/// <summary>Decoded blocks are held in the file's sample type, and their samples are GDAL's, bit for bit.</summary>
public sealed class NativeBlockTests
{
    public static TheoryData<string> Lossless() =>
        new(TiffFixtures.Readable(n => !n.StartsWith("jpeg_", StringComparison.Ordinal) && n != "webp_rgb.tif"));

    [Theory]
    [MemberData(nameof(Lossless))]
    public async Task Blocks_HoldTheFilesSampleType_AndRoundTripGdalsSamplesExactly(string name)
    {
        var dataset = await TiffFixtures.OpenAsync(name);
        var reference = TiffFixtures.Entry(name).GetProperty("levels")[0].GetProperty("ref").GetString()!;
        var expected = TiffFixtures.ReferenceBytes(reference);
        switch (TiffFixtures.DataType(name))
        {
            case RasterDataType.UInt8: await AssertLevelAsync<byte, byte>(dataset, expected); break;
            case RasterDataType.Int8: await AssertLevelAsync<sbyte, sbyte>(dataset, expected); break;
            case RasterDataType.UInt16: await AssertLevelAsync<ushort, ushort>(dataset, expected); break;
            case RasterDataType.Int16: await AssertLevelAsync<short, short>(dataset, expected); break;
            case RasterDataType.UInt32: await AssertLevelAsync<uint, uint>(dataset, expected); break;
            case RasterDataType.Int32: await AssertLevelAsync<int, int>(dataset, expected); break;
            case RasterDataType.Float32: await AssertLevelAsync<float, float>(dataset, expected); break;
            case RasterDataType.Float64: await AssertLevelAsync<double, float>(dataset, expected); break;
            default: throw new InvalidOperationException($"no fixture of type {TiffFixtures.DataType(name)}");
        }
    }

    /// <summary>Blocks of type <typeparamref name="TBlock"/> hold GDAL's <typeparamref name="TFile"/> samples (NaN equals NaN).</summary>
    private static async Task AssertLevelAsync<TFile, TBlock>(GeoTiffDataset dataset, byte[] reference)
        where TFile : unmanaged, INumberBase<TFile>
        where TBlock : unmanaged, INumberBase<TBlock>
    {
        var expected = MemoryMarshal.Cast<byte, TFile>(reference).ToArray().Select(TBlock.CreateTruncating).ToArray();
        Assert.Equal(expected, await NativeLevelAsync<TBlock>(dataset));
    }

    [Theory]
    [InlineData("deflate_p2_u16.tif", 2)]
    [InlineData("bigendian_strip_f64.tif", 4)]
    public async Task SizeInBytes_IsTheNativeSamplesPlusMask(string name, int bytesPerSample)
    {
        var dataset = await TiffFixtures.OpenAsync(name);
        var blocks = await dataset.ReadBlocksAsync(0, [new BlockIndex(0, 0)], CancellationToken.None);

        var level = dataset.Levels[0];
        Assert.Equal((long)level.BlockWidth * level.BlockHeight * dataset.BandCount * bytesPerSample + 64, blocks[0].SizeInBytes);
    }

    [Fact]
    public void CopyTo_ConvertsUInt16ByteAndInt16ValuesAsACast()
    {
        var words = Enumerable.Range(0, 65536 + 13).Select(i => (ushort)(i * 7919)).ToArray();
        var bytes = Enumerable.Range(0, 256 * 3 + 5).Select(i => (byte)(i * 31)).ToArray();
        short[] shorts = [0, 0, 0, -32768, -1, 0, 32767];

        Assert.Equal(words.Skip(3).Select(v => (float)v), FromPixel3(new RasterBlock<ushort>(words.Length, 1, 1, words, null)));
        Assert.Equal(bytes.Skip(3).Select(v => (float)v), FromPixel3(new RasterBlock<byte>(bytes.Length, 1, 1, bytes, null)));
        Assert.Equal([-32768f, -1, 0, 32767], FromPixel3(new RasterBlock<short>(shorts.Length, 1, 1, shorts, null)));
    }

    private static float[] FromPixel3<T>(RasterBlock<T> block) where T : unmanaged, INumberBase<T>
    {
        var result = new float[block.Width - 3];
        block.CopyTo(0, 3, result);
        return result;
    }

    /// <summary>Every block of level 0 assembled into band-sequential samples of the block type.</summary>
    private static async Task<T[]> NativeLevelAsync<T>(GeoTiffDataset dataset) where T : unmanaged, INumberBase<T>
    {
        var l = dataset.Levels[0];
        var indexes = new List<BlockIndex>();
        for (var y = 0; y < l.BlocksDown; y++)
            for (var x = 0; x < l.BlocksAcross; x++)
                indexes.Add(new BlockIndex(x, y));
        var blocks = await dataset.ReadBlocksAsync(0, indexes, CancellationToken.None);
        var samples = new T[l.Width * l.Height * dataset.BandCount];
        for (var i = 0; i < indexes.Count; i++)
        {
            var block = Assert.IsType<RasterBlock<T>>(blocks[i]);
            var (bx, by) = (indexes[i].X * l.BlockWidth, indexes[i].Y * l.BlockHeight);
            var w = Math.Min(l.BlockWidth, l.Width - bx);
            for (var y = 0; y < l.BlockHeight && by + y < l.Height; y++)
            {
                for (var b = 0; b < dataset.BandCount; b++)
                    block.Band(b).Slice(y * l.BlockWidth, w).CopyTo(samples.AsSpan(b * l.Width * l.Height + (by + y) * l.Width + bx));
            }
        }
        return samples;
    }
}
