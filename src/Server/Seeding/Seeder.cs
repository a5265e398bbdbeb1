using System.Globalization;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Tiling;
using OgcTiler.Server.Caching;
using OgcTiler.Server.Configuration;
using OgcTiler.Server.Layers;
using OgcTiler.Server.Ogc.Common;
using OgcTiler.Server.Rendering;
using OgcTiler.Server.Seeding.Outputs;

namespace OgcTiler.Server.Seeding;

/// <summary>What to seed (the options of the <c>seed</c> command, parsed).</summary>
internal sealed record SeedJob(
    string Layer, string? Style, string TileMatrixSet, int MinZoom, int MaxZoom, Bounds? Wgs84Box, string Format,
    int Concurrency, bool SkipExisting, IReadOnlyList<string> Outputs);

/// <summary>Counts of a seed run so far.</summary>
internal sealed class SeedCounts
{
    private long _rendered, _cached, _skipped, _errors;

    public long Rendered => Interlocked.Read(ref _rendered);
    public long Cached => Interlocked.Read(ref _cached);
    public long Skipped => Interlocked.Read(ref _skipped);
    public long Errors => Interlocked.Read(ref _errors);
    public long Done => Rendered + Cached + Skipped + Errors;

    public void Add(TileOrigin? origin)
    {
        if (origin is null)
            Interlocked.Increment(ref _skipped);
        else if (origin is TileOrigin.Rendered or TileOrigin.RenderedRedisUnavailable or TileOrigin.NotCached)
            Interlocked.Increment(ref _rendered);
        else
            Interlocked.Increment(ref _cached);
    }

    public void Failed() => Interlocked.Increment(ref _errors);
}

/// <summary>
/// Renders the tiles of a <see cref="SeedJob"/> through the tile cache (so into Redis when configured) under the keys
/// the layer tile endpoint and WMTS use, and to the <c>--output</c> folders and files.
/// </summary>
internal sealed class Seeder(LayerRegistry layers, TileGrids grids, CrsRegistry crs, IRenderPipeline pipeline, TileCache cache, TileStore store)
{
    public async Task<(LayerDefinition Layer, IRasterSource Source, TileMatrixSet Set, IReadOnlyList<SeedRange> Ranges)> PlanAsync(SeedJob job, CancellationToken cancellation)
    {
        var layer = layers.Get(job.Layer);
        var set = grids.Registry.Get(job.TileMatrixSet);
        if ((layer.TileMatrixSets ?? grids.Ids).All(id => !string.Equals(id, set.Id, StringComparison.OrdinalIgnoreCase)))
            throw new ArgumentException($"layer '{layer.Id}' is not offered in {set.Id} (offered: {string.Join(", ", layer.TileMatrixSets ?? grids.Ids)})");
        if (set.Matrices.Any(m => m.VariableMatrixWidths.Count > 0 || m.CornerOfOrigin != CornerOfOrigin.TopLeft))
            throw new ArgumentException($"{set.Id} has variable matrix widths or a bottom-left origin: seeding needs a regular top-left grid");
        var source = await layers.GetSourceAsync(layer, cancellation);
        return (layer, source, set, SeedPlan.For(set, AreasOf(source.Info, set, job.Wgs84Box), job.MinZoom, job.MaxZoom));
    }

    public async Task RunAsync(SeedJob job, LayerDefinition layer, IRasterSource source, TileMatrixSet set, IReadOnlyList<SeedRange> ranges,
        TileOutputs outputs, SeedCounts counts, Action<string> reportError, CancellationToken cancellation)
    {
        var format = ImageFormats.ParseTileFormat(job.Format);
        var options = LayerStyles.Resolve(layer, job.Style);
        var tiles = ranges.SelectMany(r => r.Tiles().Select(t => (r.Matrix, t.Col, t.Row)));
        await Parallel.ForEachAsync(tiles, new ParallelOptions { MaxDegreeOfParallelism = job.Concurrency, CancellationToken = cancellation }, async (tile, ct) =>
        {
            try
            {
                counts.Add(await SeedTileAsync(job, layer, source, set, tile.Matrix, tile.Col, tile.Row, format, options, outputs, ct));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                counts.Failed();
                reportError($"{tile.Matrix.Id}/{tile.Col}/{tile.Row}: {e.Message}");
            }
        });
    }

    /// <returns>where the tile came from, or null when skipped (<c>--skip-existing</c>).</returns>
    private async Task<TileOrigin?> SeedTileAsync(SeedJob job, LayerDefinition layer, IRasterSource source, TileMatrixSet set, TileMatrix matrix,
        int col, int row, ImageFormat format, RenderOptions options, TileOutputs outputs, CancellationToken cancellation)
    {
        var key = TileKey.ForLayer(layer.Id, set.Id, matrix.Id, col, row, format, job.Style, overrides: null);
        var lookup = cache.Lookup(key, source.Version);
        var zoom = int.Parse(matrix.Id, CultureInfo.InvariantCulture);
        var address = new TileAddress(zoom, col, row);
        if (job.SkipExisting && await StoredEverywhereAsync(lookup, address, outputs, cancellation))
            return null;
        var grid = set.TileGrid(zoom, col, row);
        var (tile, origin) = await cache.GetOrRenderAsync(lookup, c => pipeline.RenderAsync(new RenderRequest(source, grid, options, format), c), cancellation);
        await outputs.WriteAsync(address, tile.Bytes, cancellation);
        return origin;
    }

    /// <summary>Stored wherever this run writes: in Redis when configured, and in every <c>--output</c>.</summary>
    private async Task<bool> StoredEverywhereAsync(TileLookup lookup, TileAddress address, TileOutputs outputs, CancellationToken cancellation) =>
        (store.Enabled || outputs.All.Count > 0)
        && (!store.Enabled || await store.ExistsAsync(lookup.Key) == true)
        && (outputs.All.Count == 0 || await outputs.ContainAsync(address, cancellation));

    /// <summary>The WGS84 box the run covers: the layer's, cut to <c>--bbox</c>, within ±180° (all longitudes for data across 180°).</summary>
    public static Bounds Wgs84AreaOf(SourceInfo info, Bounds? wgs84Box)
    {
        var parts = Antimeridian.Parts(info.Wgs84Bounds);
        var cut = wgs84Box is { } box ? parts.Select(p => SeedPlan.Intersect(p, box)).OfType<Bounds>().ToList() : parts;
        return cut.Count > 0 ? cut.Aggregate(Bounds.Union) : Antimeridian.Enclosing(info.Wgs84Bounds);
    }

    /// <summary>
    /// The boxes to seed in the set's CRS: the layer's (its own bounds in its own CRS, else its WGS84 box projected, one
    /// box on each side of the antimeridian for data across it), each cut to <c>--bbox</c> (which may cross it too).
    /// </summary>
    private List<Bounds> AreasOf(SourceInfo info, TileMatrixSet set, Bounds? wgs84Box)
    {
        var layerBoxes = crs.TryResolve(info.Crs, out var native) && native.Id == set.Crs.Id
            ? new[] { info.NativeBounds }
            : BoundsProjector.ProjectParts(crs, info.Wgs84Bounds, set.Crs);
        if (wgs84Box is not { } requested)
            return [.. layerBoxes];
        var cuts = BoundsProjector.ProjectParts(crs, requested, set.Crs);
        return [.. layerBoxes.SelectMany(box => cuts.Select(cut => SeedPlan.Intersect(box, cut))).OfType<Bounds>()];
    }
}
