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
    private readonly ConditionalWeakTable<IRasterSource, ConcurrentDictionary<string, bool>> _covering = new();

    public IReadOnlyList<TileMatrixSet> Describable { get; } = registry.All.Where(IsDescribable).ToList();

    public static bool IsDescribable(TileMatrixSet set) =>
        set.Matrices.All(m => m.VariableMatrixWidths.Count == 0 && m.CornerOfOrigin == CornerOfOrigin.TopLeft);

    public TileMatrixSet? Find(string id) => registry.TryGet(id, out var set) && IsDescribable(set) ? set : null;

    public IReadOnlyList<WmtsLayerSet> For(OgcLayer layer)
    {
        var named = layer.Definition.TileMatrixSets;
        var candidates = named is null ? Describable : named.Select(Find).OfType<TileMatrixSet>();
        var result = new List<WmtsLayerSet>();
        foreach (var set in candidates)
        {
            var box = BoxIn(layer, set);
            if (box is { } b && b.Intersects(set.Bounds))
                result.Add(new WmtsLayerSet(set, b, LimitsOf(set, b)));
            else if (named is not null)
                result.Add(new WmtsLayerSet(set, set.Bounds, LimitsOf(set, set.Bounds)));
        }
        return result;
    }

    /// <summary>
    /// True when the layer is offered in <paramref name="set"/>. Asked on every GetTile, so whether an unnamed set
    /// meets the data is worked out once per opened source (a reloaded source gets a fresh entry).
    /// </summary>
    public bool Offers(OgcLayer layer, TileMatrixSet set) =>
        layer.Definition.TileMatrixSets is { } named
            ? named.Contains(set.Id, StringComparer.OrdinalIgnoreCase)
            : _covering.GetValue(layer.Source, _ => new ConcurrentDictionary<string, bool>())
                .GetOrAdd(set.Id, _ => BoxIn(layer, set) is { } b && b.Intersects(set.Bounds));

    private Bounds? BoxIn(OgcLayer layer, TileMatrixSet set) =>
        crs.TryResolve(layer.Info.Crs, out var native) && native.Id == set.Crs.Id
            ? layer.Info.NativeBounds
            : BoundsProjector.Project(crs, layer.Info.Wgs84Bounds, set.Crs);

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
