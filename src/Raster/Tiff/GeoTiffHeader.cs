using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Codecs;
using OgcTiler.Raster.Geometry;
using OgcTiler.Raster.Io;

namespace OgcTiler.Raster.Tiff;

/// <summary>
/// The parsed structure of a GeoTIFF: full-resolution image, internal overviews (finest first), the internal mask of
/// each level if any, georeferencing and band metadata. Immutable and cached by URL.
/// </summary>
internal sealed class GeoTiffHeader
{
    private static long s_nextId;

    public required string Uri { get; init; }

    /// <summary>Unique per parse: part of block cache keys, so blocks of a re-read (changed) file are never mixed up.</summary>
    public long Id { get; } = Interlocked.Increment(ref s_nextId);

    public required bool BigEndian { get; init; }

    /// <summary>Level 0 is full resolution; overviews follow from finest to coarsest.</summary>
    public required IReadOnlyList<TiffImage> Levels { get; init; }

    /// <summary>The internal mask of each level, or null.</summary>
    public required IReadOnlyList<TiffImage?> Masks { get; init; }

    public required GeoTransform Transform { get; init; }

    /// <summary>The EPSG code of the CRS, or null when <see cref="UserDefinedCrs"/> defines it.</summary>
    public required int? Epsg { get; init; }

    /// <summary>The GeoKeys of a user-defined CRS (see <see cref="GeoKeyCrs"/>).</summary>
    public required GeoKeyDirectory? UserDefinedCrs { get; init; }

    public required double? Nodata { get; init; }

    public required IReadOnlyList<BandInfo> Bands { get; init; }

    public TiffImage Full => Levels[0];

    public bool HasMask => Masks[0] is not null || Full.AlphaSample >= 0;

    /// <summary>Approximate memory held, for the cache's size accounting.</summary>
    public long SizeInBytes => 4096 + Levels.Concat(Masks.OfType<TiffImage>()).Sum(l => l.Offsets.Length * 16L + (l.JpegTables?.Length ?? 0));

    public static async Task<GeoTiffHeader> ReadAsync(IRangeReader reader, int prefetch, CancellationToken cancellationToken)
    {
        var uri = reader.Uri;
        var set = await TiffParser.ParseAsync(reader, prefetch, cancellationToken);
        if (set.Ifds.Count == 0)
            throw TiffErrors.Format(uri, "no image (empty IFD chain)");
        var images = set.Ifds.Select((fields, i) => TiffImageBuilder.Build(uri, i, fields)).ToList();
        var full = images[0];
        if (full.IsMask || full.DataType is null)
            throw TiffErrors.Format(uri, "the first image is a mask");
        var levels = images.Where(i => i != full && i.IsReducedResolution && !i.IsMask && i.SamplesPerPixel == full.SamplesPerPixel && i.DataType == full.DataType)
            .OrderByDescending(i => i.Width)
            .Prepend(full)
            .ToList();
        foreach (var level in levels)
            CheckSupported(uri, level);
        var masks = levels.Select(level => FindMask(uri, images, level)).ToList();
        var fields = set.Ifds[0];
        var keys = GeoKeys.Parse(uri, fields);
        if (keys.Epsg is null && keys.UserDefined is null)
            throw TiffErrors.Format(uri, "no CRS (GeoKeys name no EPSG code)");
        return new GeoTiffHeader
        {
            Uri = uri,
            BigEndian = set.BigEndian,
            Levels = levels,
            Masks = masks,
            Transform = GeoReference.Read(uri, fields, keys.PixelIsPoint),
            Epsg = keys.Epsg,
            UserDefinedCrs = keys.UserDefined,
            Nodata = GdalMetadata.Nodata(fields),
            Bands = GdalMetadata.Bands(uri, fields, full.SamplesPerPixel, b => ColorInterpretation(full, b)),
        };
    }

    private static TiffImage? FindMask(string uri, List<TiffImage> images, TiffImage level)
    {
        var mask = images.FirstOrDefault(i => i.IsMask && i.Width == level.Width && i.Height == level.Height);
        if (mask is null)
            return null;
        if (mask.BlockWidth != level.BlockWidth || mask.BlockHeight != level.BlockHeight || mask.SamplesPerPixel != 1)
            throw TiffErrors.Format(uri, $"internal mask {mask.Width}×{mask.Height} with blocks of {mask.BlockWidth}×{mask.BlockHeight} differs from its image's layout; not supported");
        CheckSupported(uri, mask);
        return mask;
    }

    private static void CheckSupported(string uri, TiffImage image)
    {
        if (CodecRegistry.Find(image.Compression) is null)
            throw TiffErrors.Format(uri, $"compression {image.Compression} ({TiffErrors.CompressionName(image.Compression)}) is not supported");
        if (image.Compression == 34887 && !Lerc.IsAvailable)
            throw TiffErrors.Format(uri, "LERC compression needs the LERC library (libLerc.so.4, Debian package liblerc4), which is not installed");
        if (CodecRegistry.IsImageCodec(image.Compression) && (image.BitsPerSample != 8 || image.Planar))
            throw TiffErrors.Format(uri, $"{TiffErrors.CompressionName(image.Compression)} with {image.BitsPerSample}-bit {(image.Planar ? "planar " : "")}samples is not supported");
        if (image.Photometric == 6 && image.Compression != 7)
            throw TiffErrors.Format(uri, "YCbCr samples without JPEG compression are not supported");
        var validPredictor = image.Predictor switch
        {
            1 => true,
            2 => !image.Packed,
            3 => image.DataType is RasterDataType.Float32 or RasterDataType.Float64,
            _ => false,
        };
        if (!validPredictor)
            throw TiffErrors.Format(uri, $"predictor {image.Predictor} with {image.BitsPerSample}-bit {image.DataType} samples is not supported");
    }

    private static string? ColorInterpretation(TiffImage image, int band)
    {
        if (band == image.AlphaSample)
            return "alpha";
        return image.Photometric switch
        {
            0 or 1 when band == 0 => "gray",
            2 or 6 when band < 3 => band switch { 0 => "red", 1 => "green", _ => "blue" },
            3 when band == 0 => "palette",
            _ => "undefined",
        };
    }
}
