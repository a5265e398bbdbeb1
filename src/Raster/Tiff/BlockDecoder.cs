using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Codecs;
using OgcTiler.Raster.Warp;

namespace OgcTiler.Raster.Tiff;

/// <summary>
/// Turns the stored parts of one block into a <see cref="RasterBlock"/> in the file's sample type: decompress, fix byte
/// order, undo the predictor, split interleaved samples into bands.
/// </summary>
internal sealed class BlockDecoder(GeoTiffHeader header, int level)
{
    public RasterBlock Decode(BlockIndex block, List<StoredPart> parts, Func<StoredPart, ReadOnlyMemory<byte>> bytes) =>
        StorageType(header.Levels[level]) switch
        {
            RasterDataType.UInt8 => Decode<byte>(block, parts, bytes),
            RasterDataType.Int8 => Decode<sbyte>(block, parts, bytes),
            RasterDataType.UInt16 => Decode<ushort>(block, parts, bytes),
            RasterDataType.Int16 => Decode<short>(block, parts, bytes),
            RasterDataType.UInt32 => Decode<uint>(block, parts, bytes),
            RasterDataType.Int32 => Decode<int>(block, parts, bytes),
            _ => Decode<float>(block, parts, bytes),
        };

    /// <summary>
    /// The type a decoded block is held in: the stored sample type, bytes for image codecs (JPEG, WebP), and float32 for
    /// float64 (every read converts to float32, so nothing is lost by converting once).
    /// </summary>
    public static RasterDataType StorageType(TiffImage image) =>
        CodecRegistry.IsImageCodec(image.Compression) ? RasterDataType.UInt8
        : image.DataType is RasterDataType.Float64 ? RasterDataType.Float32
        : image.DataType!.Value;

    private RasterBlock<T> Decode<T>(BlockIndex block, List<StoredPart> parts, Func<StoredPart, ReadOnlyMemory<byte>> bytes)
        where T : unmanaged, INumberBase<T>
    {
        var image = header.Levels[level];
        var pixels = image.BlockWidth * image.BlockHeight;
        var samples = new T[pixels * image.SamplesPerPixel];
        byte[]? mask = null;
        foreach (var part in parts)
        {
            if (part.Plane != StoredPart.MaskPlane)
                DecodeSamples(block, part, bytes(part), samples);
            else
                DecodeMask(block, part, bytes(part), mask ??= new byte[pixels]);
        }
        if (mask is null && image.AlphaSample >= 0)
            mask = MaskFromAlpha<T>(samples.AsSpan(image.AlphaSample * pixels, pixels));
        return new RasterBlock<T>(image.BlockWidth, image.BlockHeight, image.SamplesPerPixel, samples, mask);
    }

    private void DecodeSamples<T>(BlockIndex block, StoredPart part, ReadOnlyMemory<byte> stored, T[] samples)
        where T : unmanaged, INumberBase<T>
    {
        var image = part.Image;
        var rows = image.RowsInBlock(block.Y);
        var pixels = image.BlockWidth * image.BlockHeight;
        var buffer = ArrayPool<byte>.Shared.Rent(image.StoredBlockBytes);
        try
        {
            var data = buffer.AsSpan(0, image.StoredBlockBytes);
            if (!Decompress(block, image, stored, data, rows))
                return;
            var samplesPerRow = image.BlockWidth * image.SamplesPerBlockPixel;
            var type = image.DataType!.Value;
            if (!CodecRegistry.IsImageCodec(image.Compression) && !image.Packed)
                UndoStorage(image, data, rows, samplesPerRow);
            else
                type = RasterDataType.UInt8;
            var planeSamples = image.SamplesPerBlockPixel;
            for (var s = 0; s < planeSamples; s++)
            {
                var band = image.Planar ? part.Plane : s;
                var output = samples.AsSpan(band * pixels, pixels);
                if (image.Packed)
                    SampleConverter.UnpackBits(data[..(rows * image.RowBytes)], image.BitsPerSample, image.RowBytes, image.BlockWidth, rows, planeSamples, s, output);
                else
                    SampleConverter.Deinterleave(data[..(rows * image.RowBytes)], type, image.BytesPerSample, image.BlockWidth, rows, planeSamples, s, output);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void UndoStorage(TiffImage image, Span<byte> data, int rows, int samplesPerRow)
    {
        var used = data[..(rows * image.RowBytes)];
        if (image.Predictor == 3)
        {
            Predictors.UndoFloatingPoint(used, rows, samplesPerRow, image.SamplesPerBlockPixel, image.BytesPerSample);
            return;
        }
        if (image.File.BigEndian)
            SampleConverter.SwapToNative(used, image.BytesPerSample);
        if (image.Predictor == 2)
            Predictors.UndoHorizontal(used, rows, samplesPerRow, image.SamplesPerBlockPixel, image.BytesPerSample);
    }

    /// <summary>Decodes one mask block (0 = invalid) into the part of <paramref name="mask"/> it covers.</summary>
    private void DecodeMask(BlockIndex block, StoredPart part, ReadOnlyMemory<byte> stored, byte[] mask)
    {
        var image = header.Levels[level];
        var source = part.Image;
        var sameLayout = source.BlockWidth == image.BlockWidth && source.BlockHeight == image.BlockHeight;
        var pixels = source.BlockWidth * source.BlockHeight;
        var decoded = sameLayout ? mask : ArrayPool<byte>.Shared.Rent(pixels);
        try
        {
            if (!DecodeMaskBlock(part, stored, decoded.AsSpan(0, pixels)))
                decoded.AsSpan(0, pixels).Clear();
            if (!sameLayout)
                CopyMaskWindow(image, block, source, part.Block, decoded, mask);
        }
        finally
        {
            if (!sameLayout)
                ArrayPool<byte>.Shared.Return(decoded);
        }
    }

    /// <summary>False for a sparse block (it reads as invalid).</summary>
    private bool DecodeMaskBlock(StoredPart part, ReadOnlyMemory<byte> stored, Span<byte> mask)
    {
        var image = part.Image;
        var rows = image.RowsInBlock(part.Block.Y);
        var buffer = ArrayPool<byte>.Shared.Rent(image.StoredBlockBytes);
        try
        {
            var data = buffer.AsSpan(0, image.StoredBlockBytes);
            if (!Decompress(part.Block, image, stored, data, rows))
                return false;
            if (image.BitsPerSample == 1)
            {
                SampleConverter.UnpackMask(data, image.BlockWidth, rows, mask);
                return true;
            }
            for (var i = 0; i < rows * image.BlockWidth; i++)
                mask[i] = data[i] != 0 ? (byte)255 : (byte)0;
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Copies the pixels a mask block shares with an image block laid out differently.</summary>
    private static void CopyMaskWindow(TiffImage image, BlockIndex block, TiffImage source, BlockIndex sourceBlock, byte[] decoded, byte[] mask)
    {
        var (ix, iy) = (block.X * image.BlockWidth, block.Y * image.BlockHeight);
        var (sx, sy) = (sourceBlock.X * source.BlockWidth, sourceBlock.Y * source.BlockHeight);
        var x0 = Math.Max(ix, sx);
        var x1 = Math.Min(Math.Min(ix + image.BlockWidth, sx + source.BlockWidth), image.Width);
        var y0 = Math.Max(iy, sy);
        var y1 = Math.Min(Math.Min(iy + image.BlockHeight, sy + source.BlockHeight), image.Height);
        for (var y = y0; y < y1; y++)
            decoded.AsSpan((y - sy) * source.BlockWidth + (x0 - sx), x1 - x0).CopyTo(mask.AsSpan((y - iy) * image.BlockWidth + (x0 - ix)));
    }

    /// <summary>False for a sparse block (no stored bytes): it reads as zeros, as in GDAL.</summary>
    private bool Decompress(BlockIndex block, TiffImage image, ReadOnlyMemory<byte> stored, Span<byte> data, int rows)
    {
        if (stored.Length == 0)
            return false;
        var codec = CodecRegistry.Find(image.Compression)!;
        var format = new BlockFormat(image.BlockWidth, rows, image.SamplesPerBlockPixel, image.Photometric, image.JpegTables, image.LercWrapping);
        int written;
        try
        {
            written = codec.Decode(stored, data, format);
        }
        catch (InvalidDataException e)
        {
            throw TiffErrors.Format(image.File.Uri, $"block ({block.X},{block.Y}) of level {level}: {codec.Name} data is corrupt: {e.Message}", e);
        }
        var expected = rows * image.RowBytes;
        if (written < expected)
            throw TiffErrors.Format(image.File.Uri, $"block ({block.X},{block.Y}) of level {level}: {codec.Name} data decoded to {written} bytes, expected {expected}");
        return true;
    }

    /// <summary>
    /// The alpha band as the block's mask, its values kept (0 transparent, 255 opaque): 8-bit alpha as it is; 16-bit
    /// alpha as GDAL's mask band of it (gcore/gdalrescaledalphaband.cpp: ×255/65535, truncated, but 1..256 give 1, so a
    /// pixel not fully transparent stays drawn; the warper keeps the 16-bit values beside it, Warper.KeepWideAlphaAsync);
    /// other integers scaled from their type's range, float alpha read on GDAL's default SRC_ALPHA_MAX of 255.
    /// </summary>
    private static byte[] MaskFromAlpha<T>(ReadOnlySpan<T> alpha) where T : unmanaged, INumberBase<T>
    {
        var mask = new byte[alpha.Length];
        if (typeof(T) == typeof(byte))
        {
            MemoryMarshal.Cast<T, byte>(alpha).CopyTo(mask);
            return mask;
        }
        if (typeof(T) == typeof(ushort))
        {
            var wide = MemoryMarshal.Cast<T, ushort>(alpha);
            for (var i = 0; i < wide.Length; i++)
                mask[i] = wide[i] is > 0 and < 257 ? (byte)1 : (byte)(wide[i] * 255 / ushort.MaxValue);
            return mask;
        }
        var max = AlphaMax<T>();
        for (var i = 0; i < alpha.Length; i++)
        {
            var v = double.CreateSaturating(alpha[i]);
            mask[i] = v >= max ? (byte)255 : v > 0 ? (byte)(v * 255 / max) : (byte)0; // NaN gives 0
        }
        return mask;
    }

    private static double AlphaMax<T>() where T : unmanaged, INumberBase<T> =>
        typeof(T) == typeof(sbyte) ? sbyte.MaxValue
        : typeof(T) == typeof(short) ? short.MaxValue
        : typeof(T) == typeof(uint) ? uint.MaxValue
        : typeof(T) == typeof(int) ? int.MaxValue
        : byte.MaxValue;
}
