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
        if (BoxIn(info, set) is { } box && box.Intersects(set.Bounds))
        {
            // Only the part inside the set's extent is advertised: a client (GDAL) asks for every tile of the box's
            // extent, and a box reaching past the set would make it ask for columns the matrix does not have.
            var inside = new Bounds(Math.Max(box.MinX, set.Bounds.MinX), Math.Max(box.MinY, set.Bounds.MinY),
                Math.Min(box.MaxX, set.Bounds.MaxX), Math.Min(box.MaxY, set.Bounds.MaxY));
            return new WmtsLayerSet(set, inside, LimitsOf(set, inside));
        }
        return named ? new WmtsLayerSet(set, set.Bounds, LimitsOf(set, set.Bounds)) : null;
    }

    private Bounds? BoxIn(SourceInfo info, TileMatrixSet set) =>
        crs.TryResolve(info.Crs, out var native) && native.Id == set.Crs.Id
            ? info.NativeBounds
            : BoundsProjector.Project(crs, info.Wgs84Bounds, set.Crs);

    /// <summary>
    /// Limits per matrix. The WMTS schema types MaxTileRow/MaxTileCol as positive integers, so a matrix whose range
    /// ends at row or column 0 cannot be described and is left out (clients then use the next matrix).
    /// </summary>
    private static IReadOnlyList<WmtsLimits> LimitsOf(TileMatrixSet set, Bounds box) =>
        set.Matrices.Select(m => Limits(m, box)).Where(l => l.MaxRow > 0 && l.MaxCol > 0).ToList();

    private static WmtsLimits Limits(TileMatrix m, Bounds box)
    {
        var minCol = Index((box.MinX - m.OriginX) / m.TileSpanX, m.MatrixWidth);
        var maxCol = Index((box.MaxX - m.OriginX) / m.TileSpanX - 1e-9, m.MatrixWidth);
        var minRow = Index((m.OriginY - box.MaxY) / m.TileSpanY, m.MatrixHeight);
        var maxRow = Index((m.OriginY - box.MinY) / m.TileSpanY - 1e-9, m.MatrixHeight);
        return new WmtsLimits(m.Id, minRow, maxRow, minCol, maxCol);
    }

    private static int Index(double position, int count) => (int)Math.Clamp(Math.Floor(position), 0, count - 1);
}
