using System.Text;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Raster.Io;

namespace OgcTiler.Raster.Tiff;

/// <summary>One image of a TIFF in IFD-chain order, as rio-cogeo's Info lists it (level 0 is the full resolution).</summary>
internal sealed record CogIfd(int Level, int Width, int Height, int BlockWidth, int BlockHeight, int Decimation);

/// <summary>
/// The layout checks of rio-cogeo's <c>cog_validate</c> (what TiTiler's <c>/cog/validate</c> reports), with its
/// messages: errors make the file not a COG, warnings too when <c>strict</c>.
/// </summary>
internal sealed record CogValidation(
    IReadOnlyList<string> Errors,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<CogIfd> Ifds,
    bool Tiled,
    bool Planar,
    int Compression)
{
    public bool IsValid(bool strict) => Errors.Count == 0 && !(strict && Warnings.Count > 0);
}

internal static class CogValidator
{
    private const string GhostHeaderKey = "GDAL_STRUCTURAL_METADATA_SIZE=";

    /// <summary>Validates a local path or an HTTP(S) URL (read with <paramref name="httpClient"/>).</summary>
    public static async Task<CogValidation> ValidateAsync(string uri, HttpClient httpClient, CancellationToken cancellationToken)
    {
        if (uri.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || uri.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            return await ValidateAsync(new HttpRangeReader(httpClient, uri), externalOverviews: false, cancellationToken);
        if (!File.Exists(uri))
            throw new ResourceNotFoundException($"file not found: {uri}");
        using var reader = FileRangeReader.Open(uri);
        return await ValidateAsync(reader, File.Exists(uri + ".ovr"), cancellationToken);
    }

    /// <param name="externalOverviews">Whether a <c>.ovr</c> file sits beside the TIFF (rio-cogeo looks at the dataset's file list).</param>
    public static async Task<CogValidation> ValidateAsync(IRangeReader reader, bool externalOverviews, CancellationToken cancellationToken)
    {
        var set = await TiffParser.ParseAsync(reader, HeaderBuffer.DefaultPrefetch, cancellationToken);
        if (set.Ifds.Count == 0)
            throw TiffErrors.Format(reader.Uri, "no image (empty IFD chain)");
        var file = new TiffFile(reader, set.BigEndian);
        var images = set.Ifds.Select((fields, i) => (Image: TiffImageBuilder.Build(file, i, fields), Offset: set.IfdOffsets[i])).ToList();
        var main = images[0];
        var overviews = images.Skip(1).Where(i => i.Image.IsReducedResolution && !i.Image.IsMask).ToList();
        var decimations = overviews.Select(o => (int)Math.Round((double)main.Image.Width / o.Image.Width)).ToArray();
        var errors = new List<string>();
        var warnings = new List<string>();

        if (externalOverviews)
            errors.Add("Overviews found in external .ovr file. They should be internal");
        if (main.Image.Width > 512 && main.Image.Height > 512)
        {
            if (main.Image.BlockWidth == main.Image.Width)
                errors.Add("The file is greater than 512xH or 512xW, but is not tiled");
            if (overviews.Count == 0)
                warnings.Add("The file is greater than 512xH or 512xW, it is recommended to include internal overviews");
        }
        if (main.Offset > 300)
            errors.Add($"The offset of the main IFD should be < 300. It is {main.Offset} instead");
        if ((await GhostHeaderAsync(reader, set.BigTiff, cancellationToken)).Contains("KNOWN_INCOMPATIBLE_EDITION=YES", StringComparison.Ordinal))
            errors.Add("This file used to have optimizations in its layout, but those have been, at least partly, invalidated by later changes");
        if (!decimations.SequenceEqual(decimations.Order()))
            errors.Add("Overviews should be sorted");
        CheckOverviewIfds(main.Offset, overviews.Select(o => o.Offset).ToArray(), decimations, errors);
        CheckDataOffsets(main, overviews, errors);
        for (var i = 0; i < overviews.Count; i++)
        {
            var o = overviews[i].Image;
            if (o.Width > 512 && o.Height > 512 && o.BlockWidth == o.Width)
                errors.Add($"Overview of index {i} is not tiled");
        }

        IReadOnlyList<CogIfd> ifds = [new CogIfd(0, main.Image.Width, main.Image.Height, main.Image.BlockWidth, main.Image.BlockHeight, 0),
            .. overviews.Select((o, i) => new CogIfd(i + 1, o.Image.Width, o.Image.Height, o.Image.BlockWidth, o.Image.BlockHeight, decimations[i]))];
        return new CogValidation(errors, warnings, ifds, main.Image.BlockWidth != main.Image.Width, main.Image.Planar, main.Image.Compression);
    }

    /// <summary>Decimations above 1, and each overview's IFD after the previous one's.</summary>
    private static void CheckOverviewIfds(long mainOffset, long[] offsets, int[] decimations, List<string> errors)
    {
        var previous = mainOffset;
        for (var i = 0; i < offsets.Length; i++)
        {
            if (decimations[i] <= 1)
                errors.Add($"Invalid Decimation {decimations[i]} for overview level {i}");
            if (offsets[i] < previous)
            {
                errors.Add(i == 0
                    ? $"The offset of the IFD for overview of index {i} is {offsets[i]}, whereas it should be greater than the one of the main image, which is at byte {previous}"
                    : $"The offset of the IFD for overview of index {i} is {offsets[i]}, whereas it should be greater than the one of index {i - 1}, which is at byte {previous}");
            }
            previous = offsets[i];
        }
    }

    /// <summary>
    /// The imagery starts with the smallest overview, after every IFD, and ends with the full resolution: compared on
    /// the first stored block of band 1 of each image, as rio-cogeo does (an image without any stored block is skipped).
    /// </summary>
    private static void CheckDataOffsets((TiffImage Image, long Offset) main, List<(TiffImage Image, long Offset)> overviews, List<string> errors)
    {
        var data = new List<long> { FirstBlockOffset(main.Image) };
        data.AddRange(overviews.Select(o => FirstBlockOffset(o.Image)).Where(offset => offset > 0));
        var lastIfd = overviews.Count > 0 ? overviews[^1].Offset : main.Offset;
        if (data[^1] != 0 && data[^1] < lastIfd)
        {
            errors.Add(overviews.Count > 0
                ? "The offset of the first block of the smallest overview should be after its IFD"
                : "The offset of the first block of the image should be after its IFD");
        }
        for (var i = data.Count - 2; i > 0; i--)
        {
            if (data[i] < data[i + 1])
                errors.Add($"The offset of the first block of overview of index {i - 1} should be after the one of the overview of index {i}");
        }
        if (data.Count >= 2 && data[0] < data[1])
            errors.Add($"The offset of the first block of the main resolution image should be after the one of the overview of index {overviews.Count - 1}");
    }

    /// <summary>The offset of the first block of band 1 with data (row-major scan), or 0 when every block is empty.</summary>
    private static long FirstBlockOffset(TiffImage image)
    {
        var blocks = image.BlocksAcross * image.BlocksDown;
        for (var i = 0; i < blocks && i < image.Offsets.Length; i++)
        {
            if (image.Offsets[i] > 0)
                return (long)image.Offsets[i];
        }
        return 0;
    }

    /// <summary>GDAL's structural metadata written after the TIFF header ("GDAL_STRUCTURAL_METADATA_SIZE=000140 bytes\n…"), or "".</summary>
    private static async Task<string> GhostHeaderAsync(IRangeReader reader, bool bigTiff, CancellationToken cancellationToken)
    {
        var start = bigTiff ? 16 : 8;
        var head = new byte[GhostHeaderKey.Length + 13];
        if (await reader.ReadAsync(start, head, cancellationToken) < head.Length)
            return "";
        var text = Encoding.Latin1.GetString(head);
        if (!text.StartsWith(GhostHeaderKey, StringComparison.Ordinal)
            || !int.TryParse(text.AsSpan(GhostHeaderKey.Length, 6), out var size) || size is <= 0 or > 65536)
            return "";
        var body = new byte[size];
        var read = await reader.ReadAsync(start + head.Length, body, cancellationToken);
        return Encoding.Latin1.GetString(body, 0, read);
    }
}
