using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Raster.Tiff;

/// <summary>Turns an IFD's fields into a validated <see cref="TiffImage"/>.</summary>
internal static class TiffImageBuilder
{
    private const long MaxBlocks = 1 << 24;

    /// <summary>
    /// Whether an IFD is a transparency mask: NewSubfileType with bit 2 (mask) and PhotometricInterpretation 4. Both are
    /// single values, inline in their entries, so the fields of an IFD whose other values are not read yet tell.
    /// </summary>
    public static bool IsMask(string uri, IReadOnlyDictionary<ushort, TiffField> f) =>
        f.TryGetValue(TiffTag.NewSubfileType, out var subfile) && subfile.Count > 0 && (subfile.AsInteger(uri) & 4) != 0
        && f.TryGetValue(TiffTag.Photometric, out var photometric) && photometric.Count > 0 && photometric.AsInteger(uri) == 4;

    public static TiffImage Build(TiffFile file, int index, IReadOnlyDictionary<ushort, TiffField> f)
    {
        var uri = file.Uri;
        string Where(string problem) => $"IFD {index}: {problem}";
        long Int(ushort tag, long fallback) => f.TryGetValue(tag, out var v) && v.Count > 0 ? (long)Math.Min(v.AsInteger(uri), long.MaxValue) : fallback;
        long Required(ushort tag, string name) => f.ContainsKey(tag) ? Int(tag, 0) : throw TiffErrors.Format(uri, Where($"{name} is missing"));

        var width = Required(TiffTag.ImageWidth, "ImageWidth");
        var height = Required(TiffTag.ImageLength, "ImageLength");
        if (width is <= 0 or > int.MaxValue || height is <= 0 or > int.MaxValue)
            throw TiffErrors.Format(uri, Where($"image size {width}×{height} is not supported"));
        var samples = (int)Math.Clamp(Int(TiffTag.SamplesPerPixel, 1), 0, 65535);
        if (samples == 0)
            throw TiffErrors.Format(uri, Where("SamplesPerPixel is 0"));
        var subfile = Int(TiffTag.NewSubfileType, 0);
        var photometric = (int)Int(TiffTag.Photometric, 1);
        var isMask = IsMask(uri, f);
        var bits = BitsPerSample(uri, f, samples, Where);
        var format = f.TryGetValue(TiffTag.SampleFormat, out var sf) && sf.Count > 0 ? (int)sf.AsInteger(uri) : 1;
        var dataType = bits == 1 && isMask ? (RasterDataType?)null : DataType(format, bits)
            ?? throw TiffErrors.Format(uri, Where($"sample format {format} with {bits} bits per sample{SampleKind(format, bits)} is not supported"));
        var planar = Int(TiffTag.PlanarConfiguration, 1) == 2 && samples > 1;
        var tiled = f.ContainsKey(TiffTag.TileWidth) || f.ContainsKey(TiffTag.TileOffsets);
        var blockWidth = tiled ? Required(TiffTag.TileWidth, "TileWidth") : width;
        var blockHeight = tiled ? Required(TiffTag.TileLength, "TileLength") : Math.Min(Int(TiffTag.RowsPerStrip, height), height);
        var planeSamples = planar ? 1 : samples;
        TiffImage.CheckBlockSize(uri, blockWidth, blockHeight, planeSamples, Math.Max(1, bits / 8));
        var blocks = TiffImage.ExpectedBlockCount(width, height, blockWidth, blockHeight, planar ? samples : 1);
        if (blocks > MaxBlocks)
            throw TiffErrors.Format(uri, Where($"image {width}×{height} in blocks of {blockWidth}×{blockHeight} has {blocks} blocks, more than supported"));
        var offsets = Array(uri, f, tiled ? TiffTag.TileOffsets : TiffTag.StripOffsets, blocks, Where);
        var counts = Array(uri, f, tiled ? TiffTag.TileByteCounts : TiffTag.StripByteCounts, blocks, Where);
        return new TiffImage
        {
            File = file,
            Width = (int)width,
            Height = (int)height,
            BlockWidth = (int)blockWidth,
            BlockHeight = (int)blockHeight,
            Tiled = tiled,
            SamplesPerPixel = samples,
            BitsPerSample = bits,
            DataType = dataType,
            Planar = planar,
            Compression = (int)Int(TiffTag.Compression, 1),
            Predictor = (int)Int(TiffTag.Predictor, 1),
            Photometric = photometric,
            IsReducedResolution = (subfile & 1) != 0,
            IsMask = isMask,
            AlphaSample = AlphaSample(uri, f, samples),
            JpegTables = f.TryGetValue(TiffTag.JpegTables, out var tables) ? tables.Raw : null,
            LercWrapping = LercWrapping(uri, f),
            Offsets = offsets,
            ByteCounts = counts,
        };
    }

    /// <summary>The GDAL name of a sample kind the engine refuses, for the error message.</summary>
    private static string SampleKind(int format, int bits) => (format, bits) switch
    {
        (5, _) => $" (complex integer, GDAL's CInt{bits / 2})",
        (6, _) => $" (complex float, GDAL's CFloat{bits / 2})",
        _ => "",
    };

    private static int BitsPerSample(string uri, IReadOnlyDictionary<ushort, TiffField> f, int samples, Func<string, string> where)
    {
        if (!f.TryGetValue(TiffTag.BitsPerSample, out var field))
            return 1;
        var bits = field.AsIntegers(uri);
        if (bits.Length == 0 || bits.Any(b => b != bits[0]))
            throw TiffErrors.Format(uri, where($"BitsPerSample ({string.Join(",", bits)}) differs between samples, not supported"));
        return bits[0] is (>= 1 and <= 32) or 64 ? (int)bits[0] : throw TiffErrors.Format(uri, where($"{bits[0]} bits per sample is not supported"));
    }

    /// <summary>
    /// The type samples are read as; unsigned samples of other depths (NBITS) widen to the next type up, and 16-bit
    /// floats are read as float32, as in GDAL.
    /// </summary>
    private static RasterDataType? DataType(int format, int bits) => (format, bits) switch
    {
        (1, <= 8) => RasterDataType.UInt8,
        (1, <= 16) => RasterDataType.UInt16,
        (1, <= 32) => RasterDataType.UInt32,
        (2, 8) => RasterDataType.Int8,
        (2, 16) => RasterDataType.Int16,
        (2, 32) => RasterDataType.Int32,
        (3, 16 or 32) => RasterDataType.Float32,
        (3, 64) => RasterDataType.Float64,
        _ => null,
    };

    private static ulong[] Array(string uri, IReadOnlyDictionary<ushort, TiffField> f, ushort tag, long expected, Func<string, string> where)
    {
        var name = tag switch { TiffTag.TileOffsets => "TileOffsets", TiffTag.TileByteCounts => "TileByteCounts", TiffTag.StripOffsets => "StripOffsets", _ => "StripByteCounts" };
        if (!f.TryGetValue(tag, out var field))
            throw TiffErrors.Format(uri, where($"{name} is missing"));
        if (field.Count < expected)
            throw TiffErrors.Format(uri, where($"{name} has {field.Count} values, expected {expected}"));
        return field.AsIntegers(uri);
    }

    private static int LercWrapping(string uri, IReadOnlyDictionary<ushort, TiffField> f) =>
        f.TryGetValue(TiffTag.LercParameters, out var field) && field.AsIntegers(uri) is { Length: >= 2 } p ? (int)p[1] : 0;

    private static int AlphaSample(string uri, IReadOnlyDictionary<ushort, TiffField> f, int samples)
    {
        if (!f.TryGetValue(TiffTag.ExtraSamples, out var field))
            return -1;
        var extra = field.AsIntegers(uri);
        var first = samples - extra.Length;
        for (var i = 0; i < extra.Length; i++)
        {
            if (extra[i] is 1 or 2 && first + i >= 0)
                return first + i;
        }
        return -1;
    }
}
