using System.Buffers;
using System.Numerics;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Codecs;
using OgcTiler.Raster.Io;
using OgcTiler.Raster.Warp;

namespace OgcTiler.Raster.Tiff;

/// <summary>
/// Turns the stored parts of one block into a <see cref="RasterBlock"/> in the file's sample type: decompress, fix byte
/// order, undo the predictor, split interleaved samples into bands.
/// </summary>
internal sealed class BlockDecoder(GeoTiffHeader header, int level)
{
    public RasterBlock Decode(BlockIndex block, List<StoredPart> parts, Func<ByteRange, ReadOnlyMemory<byte>> bytes) =>
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

    private RasterBlock<T> Decode<T>(BlockIndex block, List<StoredPart> parts, Func<ByteRange, ReadOnlyMemory<byte>> bytes)
        where T : unmanaged, INumberBase<T>
    {
        var image = header.Levels[level];
        var pixels = image.BlockWidth * image.BlockHeight;
        var samples = new T[pixels * image.SamplesPerPixel];
        byte[]? mask = null;
        foreach (var part in parts)
        {
            if (part.Plane == StoredPart.MaskPlane)
                mask = DecodeMask(block, part, bytes(part.Range));
            else
                DecodeSamples(block, part, bytes(part.Range), samples);
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
                    SampleConverter.Deinterleave(data[..(rows * image.RowBytes)], type, image.BlockWidth, rows, planeSamples, s, output);
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
        if (header.BigEndian)
            SampleConverter.SwapToNative(used, image.BytesPerSample);
        if (image.Predictor == 2)
            Predictors.UndoHorizontal(used, rows, samplesPerRow, image.SamplesPerBlockPixel, image.BytesPerSample);
    }

    private byte[] DecodeMask(BlockIndex block, StoredPart part, ReadOnlyMemory<byte> stored)
    {
        var image = part.Image;
        var rows = image.RowsInBlock(block.Y);
        var mask = new byte[image.BlockWidth * image.BlockHeight];
        var buffer = ArrayPool<byte>.Shared.Rent(image.StoredBlockBytes);
        try
        {
            var data = buffer.AsSpan(0, image.StoredBlockBytes);
            if (!Decompress(block, image, stored, data, rows))
                return mask;
            if (image.BitsPerSample == 1)
            {
                SampleConverter.UnpackMask(data, image.BlockWidth, rows, mask);
                return mask;
            }
            for (var i = 0; i < rows * image.BlockWidth; i++)
                mask[i] = data[i] != 0 ? (byte)255 : (byte)0;
            return mask;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
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
            throw TiffErrors.Format(header.Uri, $"block ({block.X},{block.Y}) of level {level}: {codec.Name} data is corrupt: {e.Message}", e);
        }
        var expected = rows * image.RowBytes;
        if (written < expected)
            throw TiffErrors.Format(header.Uri, $"block ({block.X},{block.Y}) of level {level}: {codec.Name} data decoded to {written} bytes, expected {expected}");
        return true;
    }

    private static byte[] MaskFromAlpha<T>(ReadOnlySpan<T> alpha) where T : unmanaged, INumberBase<T>
    {
        var mask = new byte[alpha.Length];
        for (var i = 0; i < alpha.Length; i++)
            mask[i] = T.IsZero(alpha[i]) ? (byte)0 : (byte)255;
        return mask;
    }
}
