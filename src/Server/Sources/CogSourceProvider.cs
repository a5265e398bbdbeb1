using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;

namespace OgcTiler.Server.Sources;

/// <summary>The built-in <c>cog</c> source type: one COG or GeoTIFF, local or HTTP(S), opened under the access policy.</summary>
internal sealed class CogSourceProvider(IRasterOpener opener) : ISourceProvider
{
    public string Type => "cog";

    public IReadOnlyCollection<string> OptionKeys => [];

    public async Task<IRasterSource> OpenAsync(SourceSpec spec, CancellationToken cancellationToken) =>
        new CogRasterSource(await opener.OpenAsync(spec.Url, cancellationToken));
}

/// <summary>A single dataset as a source; bands are named "b1".."bN".</summary>
internal sealed class CogRasterSource : IRasterSource
{
    private readonly IRasterDataset _dataset;

    public CogRasterSource(IRasterDataset dataset)
    {
        _dataset = dataset;
        var info = dataset.Info;
        var names = Enumerable.Range(1, info.BandCount).Select(i => "b" + i).ToArray();
        var resolution = Math.Min(Math.Abs(info.GeoTransform[1]), Math.Abs(info.GeoTransform[5]));
        Info = new SourceInfo(info.Crs, info.NativeBounds, info.Wgs84Bounds, resolution, info.Width, info.Height,
            info.DataType, info.Nodata, names, info.Bands) { AreaOfInterest = info.AreaOfInterest };
    }

    public string Id => _dataset.Uri;

    public SourceInfo Info { get; }

    public string Version => _dataset.Version;

    public Task<RasterData> ReadAsync(TargetGrid grid, IReadOnlyList<string> bands, ReadOptions options, CancellationToken cancellationToken) =>
        _dataset.ReadAsync(grid, BandIndexes(bands), options, cancellationToken);

    private int[] BandIndexes(IReadOnlyList<string> names)
    {
        var indexes = new int[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            if (name.Length < 2 || (name[0] != 'b' && name[0] != 'B') || !int.TryParse(name.AsSpan(1), out var index) || index < 1 || index > Info.BandNames.Count)
                throw new InvalidParameterException("bidx", $"{Id} has no band '{name}' (bands: {string.Join(", ", Info.BandNames)})");
            indexes[i] = index;
        }
        return indexes;
    }
}
