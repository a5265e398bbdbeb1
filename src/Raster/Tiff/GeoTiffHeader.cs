using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Codecs;
using OgcTiler.Raster.Geometry;
using OgcTiler.Raster.Io;
using OgcTiler.Raster.Warp;

namespace OgcTiler.Raster.Tiff;

/// <summary>
/// The parsed structure of a GeoTIFF: full-resolution image, overviews (finest first; internal, or from a .ovr file),
/// the mask of each level if any (internal, or from a .msk file), georeferencing and band metadata. Immutable and cached
/// by URL.
/// </summary>
internal sealed class GeoTiffHeader
{
    private static long s_nextId;

    public required string Uri { get; init; }

    /// <summary>Unique per parse: part of block cache keys, so blocks of a re-read (changed) file are never mixed up.</summary>
    public long Id { get; } = Interlocked.Increment(ref s_nextId);

    /// <summary>Level 0 is full resolution; overviews follow from finest to coarsest.</summary>
    public required IReadOnlyList<TiffImage> Levels { get; init; }

    /// <summary>The mask of each level, or null.</summary>
    public required IReadOnlyList<TiffImage?> Masks { get; init; }

    /// <summary>The geotransform; for a file georeferenced by <see cref="Gcps"/>, the affine fit of its points.</summary>
    public required GeoTransform Transform { get; init; }

    /// <summary>The ground control points of a file georeferenced by them alone, else null.</summary>
    public required IReadOnlyList<Gcp>? Gcps { get; init; }

    /// <summary>The EPSG code of the CRS, or null when <see cref="UserDefinedCrs"/> defines it.</summary>
    public required int? Epsg { get; init; }

    /// <summary>The GeoKeys of a user-defined CRS (see <see cref="GeoKeyCrs"/>).</summary>
    public required GeoKeyDirectory? UserDefinedCrs { get; init; }

    /// <summary>
    /// GDAL_NODATA when the data type can hold it; an out-of-range value (a uint8 file's -10000, as Pix4D writes beside
    /// an alpha band) is none, as rasterio's <c>nodatavals</c> drops it, so rio-tiler reads such a file by its alpha.
    /// </summary>
    public required double? Nodata { get; init; }

    public required IReadOnlyList<BandInfo> Bands { get; init; }

    public TiffImage Full => Levels[0];

    public bool HasMask => Masks[0] is not null || Full.AlphaSample >= 0;

    /// <summary>The file's version, followed by those of the sidecars in use (each known once the header is read).</summary>
    public string Version => field ??= string.Join('+', Levels.Concat(Masks.OfType<TiffImage>()).Select(i => i.File.Reader).Distinct().Select(r => r.Version));

    /// <summary>Approximate memory held, for the cache's size accounting.</summary>
    public long SizeInBytes => 4096 + Levels.Concat(Masks.OfType<TiffImage>()).Sum(l => l.Offsets.Length * 16L + (l.JpegTables?.Length ?? 0));

    /// <summary>
    /// Parses the file and the sidecars GDAL would use with it: external overviews (<c>.ovr</c>) when the file has no
    /// internal ones, and a mask file (<c>.msk</c>, with <c>.msk.ovr</c>) when it has no internal mask.
    /// </summary>
    public static async Task<GeoTiffHeader> ReadAsync(IRangeReader reader, int prefetch, Sidecars sidecars, CancellationToken cancellationToken)
    {
        var uri = reader.Uri;
        Task<IReadOnlyList<TiffImage>>? maskFile = null;
        // once every IFD is known, a file without an internal mask probes its .msk along with the reads of its values
        try
        {
            var set = await TiffParser.ParseAsync(reader, prefetch,
                chain => maskFile = HasInternalMask(uri, chain) ? null : sidecars.ReadMaskAsync(cancellationToken), cancellationToken);
            return await BuildAsync(reader, set, sidecars, maskFile, cancellationToken);
        }
        catch when (maskFile is not null)
        {
            // the file is refused: the probe's own failure, if any, is of no interest
            _ = maskFile.ContinueWith(static t => t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
            throw;
        }
    }

    /// <summary>Whether the first IFD (the full image) has a mask among the IFDs of the chain (inline fields only).</summary>
    private static bool HasInternalMask(string uri, IReadOnlyList<Dictionary<ushort, TiffField>> chain)
    {
        if (chain.Count == 0)
            return true;   // no image: refused, nothing to probe
        static ulong? Integer(string uri, Dictionary<ushort, TiffField> f, ushort tag) =>
            f.TryGetValue(tag, out var v) && v.Count > 0 ? v.AsInteger(uri) : null;
        var (width, height) = (Integer(uri, chain[0], TiffTag.ImageWidth), Integer(uri, chain[0], TiffTag.ImageLength));
        return chain.Any(f => TiffImageBuilder.IsMask(uri, f) && Integer(uri, f, TiffTag.ImageWidth) == width && Integer(uri, f, TiffTag.ImageLength) == height);
    }

    /// <param name="maskFile">The <c>.msk</c> probe already under way, or null when the file has an internal mask.</param>
    private static async Task<GeoTiffHeader> BuildAsync(IRangeReader reader, TiffDirectorySet set, Sidecars sidecars,
        Task<IReadOnlyList<TiffImage>>? maskFile, CancellationToken cancellationToken)
    {
        var uri = reader.Uri;
        if (set.Ifds.Count == 0)
            throw TiffErrors.Format(uri, "no image (empty IFD chain)");
        var file = new TiffFile(reader, set.BigEndian);
        var images = set.Ifds.Select((fields, i) => TiffImageBuilder.Build(file, i, fields)).ToList();
        var full = images[0];
        if (full.IsMask || full.DataType is null)
            throw TiffErrors.Format(uri, "the first image is a mask");
        var fields = set.Ifds[0];
        var keys = GeoKeys.Parse(uri, fields);
        if (keys.Epsg is null && keys.UserDefined is null)
            throw TiffErrors.Format(uri, "no CRS (GeoKeys name no EPSG code)");
        var levels = OverviewsOf(full, images).Prepend(full).ToList();
        var masks = images.Where(i => i.IsMask).ToList();
        IReadOnlyList<TiffImage> none = [];
        var overviewFile = levels.Count == 1 ? sidecars.ReadOverviewsAsync(cancellationToken) : Task.FromResult(none);
        maskFile ??= Task.FromResult(none);
        await Task.WhenAll(overviewFile, maskFile);
        levels.AddRange(OverviewsOf(full, overviewFile.Result));
        masks.AddRange(overviewFile.Result.Where(i => i.IsMask));
        masks.AddRange(maskFile.Result);
        if (maskFile.Result.Count == 1 && levels.Count > 1)
            masks.AddRange(await sidecars.ReadMaskOverviewsAsync(cancellationToken));
        foreach (var level in levels)
            CheckSupported(level.File.Uri, level);
        var gcps = GeoReference.ReadGcps(uri, fields, keys.PixelIsPoint);
        return new GeoTiffHeader
        {
            Uri = uri,
            Levels = levels,
            Masks = levels.Select(level => FindMask(masks, level)).ToList(),
            Transform = gcps is null ? GeoReference.Read(uri, fields, keys.PixelIsPoint) : GcpTransform.AffineFit(uri, gcps),
            Gcps = gcps,
            Epsg = keys.Epsg,
            UserDefinedCrs = keys.UserDefined,
            Nodata = GdalMetadata.Nodata(fields) is { } nodata && RasterDataTypes.Holds(full.DataType.Value, nodata) ? nodata : null,
            Bands = GdalMetadata.Bands(uri, fields, full.SamplesPerPixel, b => ColorInterpretation(full, b)),
        };
    }

    /// <summary>The reduced-resolution images of a file that can stand for <paramref name="full"/>, finest first.</summary>
    private static IEnumerable<TiffImage> OverviewsOf(TiffImage full, IReadOnlyList<TiffImage> images) =>
        images.Where(i => i != full && !i.IsMask && i.Width < full.Width && i.SamplesPerPixel == full.SamplesPerPixel && i.DataType == full.DataType
                && (i.IsReducedResolution || i.File != full.File))
            .OrderByDescending(i => i.Width);

    /// <summary>The mask of a level: the mask image of its size, whose blocks may be laid out differently.</summary>
    private static TiffImage? FindMask(List<TiffImage> masks, TiffImage level)
    {
        var mask = masks.FirstOrDefault(i => i.Width == level.Width && i.Height == level.Height);
        if (mask is null)
            return null;
        if (mask.SamplesPerPixel != 1)
            throw TiffErrors.Format(mask.File.Uri, $"mask {mask.Width}×{mask.Height} with {mask.SamplesPerPixel} samples per pixel is not supported");
        CheckSupported(mask.File.Uri, mask);
        return mask;
    }

    private static void CheckSupported(string uri, TiffImage image)
    {
        if (CodecRegistry.Find(image.Compression) is null)
            throw TiffErrors.Format(uri, $"compression {image.Compression} ({TiffCompressions.Name(image.Compression)}) is not supported");
        if (image.Compression == 34887 && !Lerc.IsAvailable)
            throw TiffErrors.Format(uri, "LERC compression needs the LERC library (libLerc.so.4, Debian package liblerc4), which is not installed");
        // a planar JPEG block is a one-component JPEG; WebP has no one-component form
        if (CodecRegistry.IsImageCodec(image.Compression) && (image.BitsPerSample != 8 || (image.Planar && image.Compression != 7)))
            throw TiffErrors.Format(uri, $"{TiffCompressions.Name(image.Compression)} with {image.BitsPerSample}-bit {(image.Planar ? "planar " : "")}samples is not supported");
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
