using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Tiling;
using OgcTiler.Server.Ogc.Common;

namespace OgcTiler.Server.Ogc.Wmts;

/// <summary>The tile range of one matrix that holds data (WMTS TileMatrixLimits).</summary>
internal readonly record struct WmtsLimits(string Matrix, int MinRow, int MaxRow, int MinCol, int MaxCol);

/// <summary>A TileMatrixSet a layer is offered in, with the layer's box in the set's CRS and the limits per matrix.</summary>
internal sealed record WmtsLayerSet(TileMatrixSet Set, Bounds Box, IReadOnlyList<WmtsLimits> Limits);

/// <summary>
/// Which TileMatrixSets WMTS offers a layer in: those the layer names, otherwise every set whose extent meets the
/// layer's. WMTS 1.0 describes only regular matrices with a top-left origin, so sets with variable matrix widths
/// (CDB1GlobalGrid, GNOSISGlobalGrid) or a bottom-left origin are left out.
/// </summary>
internal sealed class WmtsLayerSets(TileMatrixSetRegistry registry, CrsRegistry crs)
{
    private readonly ConditionalWeakTable<IRasterSource, ConcurrentDictionary<string, WmtsLayerSet?>> _links = new();

    public IReadOnlyList<TileMatrixSet> Describable { get; } = registry.All.Where(IsDescribable).ToList();

    public static bool IsDescribable(TileMatrixSet set) =>
        set.Matrices.All(m => m.VariableMatrixWidths.Count == 0 && m.CornerOfOrigin == CornerOfOrigin.TopLeft);

    public TileMatrixSet? Find(string id) => registry.TryGet(id, out var set) && IsDescribable(set) ? set : null;

    public IReadOnlyList<WmtsLayerSet> For(OgcLayer layer) => For(layer.Info, layer.Definition.TileMatrixSets);

    /// <summary>
    /// The describable sets among <paramref name="named"/>, each offered even where it misses the data (limits then
    /// cover the whole set); with no names, every describable set that meets the data.
    /// </summary>
    public IReadOnlyList<WmtsLayerSet> For(SourceInfo info, IReadOnlyList<string>? named)
    {
        var candidates = named is null ? Describable : named.Select(Find).OfType<TileMatrixSet>();
        return candidates.Select(set => LinkOf(info, set, named is not null)).OfType<WmtsLayerSet>().ToList();
    }

    /// <summary>
    /// The layer's link to <paramref name="set"/> (its box and limits), or null when the layer is not offered in it.
    /// Asked on every GetTile, so it is worked out once per opened source (a reloaded source gets a fresh entry).
    /// </summary>
    public WmtsLayerSet? Link(OgcLayer layer, TileMatrixSet set)
    {
        var named = layer.Definition.TileMatrixSets;
        if (named is not null && !named.Contains(set.Id, StringComparer.OrdinalIgnoreCase))
            return null;
        return _links.GetValue(layer.Source, _ => new ConcurrentDictionary<string, WmtsLayerSet?>())
            .GetOrAdd(set.Id, _ => LinkOf(layer.Info, set, named is not null));
    }

    private WmtsLayerSet? LinkOf(SourceInfo info, TileMatrixSet set, bool named)
    {
        // Only the part inside the set's extent is advertised: a client (GDAL) asks for every tile of the box's
        // extent, and a box reaching past the set would make it ask for columns the matrix does not have.
        var boxes = BoxesIn(info, set).Where(b => b.Intersects(set.Bounds)).Select(b => Inside(b, set.Bounds)).ToList();
        if (boxes.Count > 0)
            return new WmtsLayerSet(set, boxes.Aggregate(Bounds.Union), LimitsOf(set, boxes));
        return named ? new WmtsLayerSet(set, set.Bounds, LimitsOf(set, [set.Bounds])) : null;
    }

    /// <summary>The footprint in the set's CRS: its native box, or its WGS 84 box projected, split at the antimeridian.</summary>
    private IReadOnlyList<Bounds> BoxesIn(SourceInfo info, TileMatrixSet set) =>
        crs.TryResolve(info.Crs, out var native) && native.Id == set.Crs.Id
            ? [info.NativeBounds]
            : BoundsProjector.ProjectParts(crs, info.Wgs84Bounds, set.Crs);

    private static Bounds Inside(Bounds b, Bounds extent) =>
        new(Math.Max(b.MinX, extent.MinX), Math.Max(b.MinY, extent.MinY), Math.Min(b.MaxX, extent.MaxX), Math.Min(b.MaxY, extent.MaxY));

    /// <summary>
    /// Limits per matrix (<see cref="TileRange"/>: a footprint on both sides of the antimeridian takes every column).
    /// The WMTS schema types MaxTileRow/MaxTileCol as positive integers, so a matrix whose range ends at row or column 0
    /// cannot be described and is left out (clients then use the next matrix).
    /// </summary>
    private static IReadOnlyList<WmtsLimits> LimitsOf(TileMatrixSet set, IReadOnlyList<Bounds> boxes) =>
        set.Matrices.Select(m => (m.Id, Range: TileRange.Of(m, boxes)))
            .Where(l => l.Range.MaxRow > 0 && l.Range.MaxCol > 0)
            .Select(l => new WmtsLimits(l.Id, l.Range.MinRow, l.Range.MaxRow, l.Range.MinCol, l.Range.MaxCol)).ToList();
}
