using System.Security.Cryptography;
using System.Text;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Raster.Crs;

namespace OgcTiler.Server.Layers.Time;

/// <summary>One file of a layer's <c>Source:Files</c>, opened, with the time the configuration gives it.</summary>
internal sealed record DatedPart(IRasterSource Source, TimeRange Time);

/// <summary>
/// A layer's <c>Source:Files</c> as one timed source: each file is a part dated by the configuration, so the layer's
/// <c>Time</c> offers the files' dates. A selection reads the files whose time meets it, each pixel from the first
/// of them (in the order listed) that holds data there; a read without a selection reads every file so.
/// The files share a CRS, band count and data type; the source covers their union around the globe.
/// </summary>
internal sealed class DatedFilesSource : ITimedSource
{
    private readonly IReadOnlyList<DatedPart> _parts;
    private readonly Func<CancellationToken, Task<ITimedSource>> _reopen;

    public DatedFilesSource(string id, IReadOnlyList<DatedPart> parts, Func<CancellationToken, Task<ITimedSource>> reopen)
    {
        _parts = parts;
        _reopen = reopen;
        Id = id;
        Info = Union(id, parts);
        Version = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts.Select(p => p.Source.Id + ' ' + p.Source.Version)))), 0, 8);
        Times = [.. parts.Select(p => new PartTime(p.Source.Id, p.Time))];
    }

    public string Id { get; }

    public SourceInfo Info { get; }

    /// <summary>Changes with any file's version.</summary>
    public string Version { get; }

    public IReadOnlyList<PartTime> Times { get; }

    public IRasterSource? During(IReadOnlyList<TimeRange> ranges)
    {
        var kept = _parts.Where(p => ranges.Any(p.Time.Meets)).Select(p => p.Source).ToArray();
        return kept.Length switch
        {
            0 => null,
            1 => kept[0],
            _ => new FirstValidSource(kept),
        };
    }

    public Task<ITimedSource> ReopenAsync(CancellationToken cancellationToken) => _reopen(cancellationToken);

    public Task<RasterData> ReadAsync(TargetGrid grid, IReadOnlyList<string> bands, ReadOptions options, CancellationToken cancellationToken) =>
        new FirstValidSource([.. _parts.Select(p => p.Source)]).ReadAsync(grid, bands, options, cancellationToken);

    /// <summary>
    /// The first file's description widened to every file's bounds, united around the globe (files either side of
    /// 180° make one box across it, in WGS84 and in a geographic CRS); files whose CRS, band count or data type differ
    /// from the first file's are refused, every one named.
    /// </summary>
    private static SourceInfo Union(string id, IReadOnlyList<DatedPart> parts)
    {
        var first = parts[0].Source.Info;
        var differing = parts.Skip(1).Where(p => p.Source.Info.Crs != first.Crs || p.Source.Info.BandNames.Count != first.BandNames.Count
            || p.Source.Info.DataType != first.DataType).ToList();
        if (differing.Count > 0)
            throw new InvalidParameterException("Files", $"layer '{id}': the files of a layer share CRS, band count and data type, as the first file "
                + $"{Describe(parts[0])}; not {string.Join("; ", differing.Select(Describe))}");
        var native = CrsRegistry.Default.Resolve(first.Crs).IsGeographic
            ? Antimeridian.Union(parts.Select(p => p.Source.Info.NativeBounds))
            : parts.Select(p => p.Source.Info.NativeBounds).Aggregate(Bounds.Union);
        return first with
        {
            NativeBounds = native,
            Wgs84Bounds = Antimeridian.Union(parts.Select(p => p.Source.Info.Wgs84Bounds)),
            Width = (int)Math.Max(1, Math.Round(native.Width / first.NativeResolution)),
            Height = (int)Math.Max(1, Math.Round(native.Height / first.NativeResolution)),
            AreaOfInterest = null,
        };
    }

    private static string Describe(DatedPart part) =>
        $"{part.Source.Id} ({part.Source.Info.Crs}, {part.Source.Info.BandNames.Count} band(s) of {part.Source.Info.DataType})";
}
