using System.Globalization;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Raster.Io;

namespace OgcTiler.Raster.Tiff;

/// <summary>
/// The files GDAL reads beside a TIFF (<c>file.tif.ovr</c> external overviews, <c>file.tif.msk</c> masks and
/// <c>file.tif.msk.ovr</c> their overviews): each is probed once per opened dataset, and a missing one is simply absent.
/// </summary>
/// <param name="open">A reader for the file named by a suffix, or null when it is known not to exist (local files).</param>
internal sealed class Sidecars(Func<string, IRangeReader?> open, int prefetch)
{
    public const string Overviews = ".ovr";
    public const string Mask = ".msk";
    public const string MaskOverviews = ".msk.ovr";

    /// <summary>GDAL's GMF_PER_DATASET mask flag.</summary>
    private const int PerDatasetMask = 2;

    /// <summary>No sidecars: for sources that have none (and tests of the file alone).</summary>
    public static readonly Sidecars None = new(_ => null, 0);

    /// <summary>The images of the <c>.ovr</c> file, or none.</summary>
    public async Task<IReadOnlyList<TiffImage>> ReadOverviewsAsync(CancellationToken cancellationToken) =>
        (await ReadAsync(Overviews, cancellationToken))?.Images ?? [];

    /// <summary>
    /// The images of the <c>.msk</c> file (one 8-bit or 1-bit band, 0 = invalid, and maybe its overviews); none when
    /// the file is missing or does not hold a per-dataset mask (GDAL reads a <c>.msk</c> only when its
    /// INTERNAL_MASK_FLAGS_1 item says so).
    /// </summary>
    public async Task<IReadOnlyList<TiffImage>> ReadMaskAsync(CancellationToken cancellationToken)
    {
        if (await ReadAsync(Mask, cancellationToken) is not { } file)
            return [];
        var flags = GdalMetadata.DatasetItem(file.Images[0].File.Uri, file.FirstFields, "INTERNAL_MASK_FLAGS_1");
        return int.TryParse(flags, CultureInfo.InvariantCulture, out var value) && (value & PerDatasetMask) != 0 ? MaskImages(file.Images) : [];
    }

    /// <summary>The images of the <c>.msk.ovr</c> file (the overviews of a <c>.msk</c> made read-only), or none.</summary>
    public async Task<IReadOnlyList<TiffImage>> ReadMaskOverviewsAsync(CancellationToken cancellationToken) =>
        MaskImages((await ReadAsync(MaskOverviews, cancellationToken))?.Images ?? []);

    private static List<TiffImage> MaskImages(IReadOnlyList<TiffImage> images) =>
        images.Where(i => i.SamplesPerPixel == 1 && i.BitsPerSample is 1 or 8).ToList();

    /// <summary>
    /// The sidecar's images and first IFD, or null when it is missing (HTTP 404, 403 or 410) or not a TIFF the reader
    /// can parse (GDAL warns and goes on without it too).
    /// </summary>
    private async Task<(IReadOnlyList<TiffImage> Images, IReadOnlyDictionary<ushort, TiffField> FirstFields)?> ReadAsync(string suffix, CancellationToken cancellationToken)
    {
        if (open(suffix) is not { } reader)
            return null;
        try
        {
            var set = await TiffParser.ParseAsync(reader, prefetch, cancellationToken);
            if (set.Ifds.Count == 0)
                return null;
            var file = new TiffFile(reader, set.BigEndian);
            return (set.Ifds.Select((fields, i) => TiffImageBuilder.Build(file, i, fields)).ToList(), set.Ifds[0]);
        }
        catch (Exception e) when (e is ResourceNotFoundException or RasterFormatException or UpstreamException { UpstreamStatus: 403 or 410 })
        {
            return null;
        }
    }

    /// <summary>The sidecar's name for a path or URL: the suffix goes before a URL's query string.</summary>
    public static string NameOf(string uri, string suffix)
    {
        var query = uri.IndexOf('?');
        return query < 0 ? uri + suffix : string.Concat(uri.AsSpan(0, query), suffix, uri.AsSpan(query));
    }
}
