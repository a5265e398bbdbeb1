using System.Buffers;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Codecs;
using OgcTiler.Raster.Io;
using OgcTiler.Raster.Warp;

namespace OgcTiler.Raster.Tiff;

/// <summary>Turns the stored parts of one block into a <see cref="RasterBlock"/>: decompress, fix byte order, undo the predictor, convert to float32.</summary>
internal sealed class BlockDecoder(GeoTiffHeader header, int level)
{
    public RasterBlock Decode(BlockIndex block, List<StoredPart> parts, Func<ByteRange, ReadOnlyMemory<byte>> bytes)
    {
        var image = header.Levels[level];
        var pixels = image.BlockWidth * image.BlockHeight;
        var samples = new float[pixels * image.SamplesPerPixel];
        byte[]? mask = null;
        foreach (var part in parts)
        {
            if (part.Plane == StoredPart.MaskPlane)
                mask = DecodeMask(block, part, bytes(part.Range));
            else
                DecodeSamples(block, part, bytes(part.Range), samples);
        }
        if (mask is null && image.AlphaSample >= 0)
            mask = MaskFromAlpha(samples.AsSpan(image.AlphaSample * pixels, pixels));
        return new RasterBlock(image.BlockWidth, image.BlockHeight, image.SamplesPerPixel, samples, mask);
    }

    private void DecodeSamples(BlockIndex block, StoredPart part, ReadOnlyMemory<byte> stored, float[] samples)
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
                if (image.Packed)
                    SampleConverter.UnpackBits(data[..(rows * image.RowBytes)], image.BitsPerSample, image.RowBytes, image.BlockWidth, rows, planeSamples, s, samples.AsSpan(band * pixels, pixels));
                else
                    SampleConverter.ToFloat(data[..(rows * image.RowBytes)], type, image.BlockWidth, rows, planeSamples, s, samples.AsSpan(band * pixels, pixels));
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

    private static byte[] MaskFromAlpha(ReadOnlySpan<float> alpha)
    {
        var mask = new byte[alpha.Length];
        for (var i = 0; i < alpha.Length; i++)
            mask[i] = alpha[i] != 0 ? (byte)255 : (byte)0;
        return mask;
    }
}
