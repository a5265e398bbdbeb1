using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Tiling;
using OgcTiler.Server.Layers.Time;
using OgcTiler.Server.Ogc.Common;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Ogc.Wmts;

/// <summary>A resolved GetTile (or the tile of a GetFeatureInfo); <see cref="Time"/> for a time-enabled layer.</summary>
internal sealed record WmtsTile(OgcLayer Layer, string Style, RenderOptions Options, TileMatrixSet Set, TileMatrix Matrix, int Row, int Col, TimeSelection? Time)
{
    /// <summary>What the tile-cache key adds besides the style: the time read and the version of the layer's times.</summary>
    public string CacheParameters => Time is { } time ? $"time={time.Key}@{Layer.Time!.Version}" : "";

    /// <summary>The tile's pixel grid: the one every door (WMTS, WMS, layer tiles) renders for these bounds.</summary>
    public TargetGrid Grid
    {
        get
        {
            var b = Matrix.TileBounds(Col, Row);
            return new TargetGrid(Set.Crs.Id, b.MinX, b.MinY, b.MaxX, b.MaxY, Matrix.TileWidth, Matrix.TileHeight);
        }
    }
}

/// <summary>
/// Resolves the tile parameters shared by KVP and RESTful requests. An unknown layer, style, set or matrix is
/// InvalidParameterValue with the given not-found status (400 for KVP, 404 for a REST path); a row or column
/// outside the matrix or the layer's TileMatrixLimits is TileOutOfRange (400). The time selects the items of a
/// time-enabled layer.
/// </summary>
internal sealed class WmtsTileResolver(OgcLayers layers, WmtsLayerSets sets, LayerTimes times)
{
    public async Task<WmtsTile> ResolveAsync(string layerId, string style, string setId, string matrixId, string row, string col, string? time, int notFoundStatus, CancellationToken ct)
    {
        var found = await layers.FindAsync(layerId, ct)
            ?? throw new OgcException(OgcCodes.InvalidParameterValue, "Layer", $"layer '{layerId}' does not exist", notFoundStatus);
        var rest = notFoundStatus == StatusCodes.Status404NotFound;
        if (rest && time is not null && found.Time is null)
            throw OgcException.Invalid("Time", $"layer '{layerId}' has no Time dimension (its tiles have no {{Time}} segment)");
        var (layer, selection) = OgcTime.Select(found, time, times.Now, rest ? OgcTime.WmtsRest : OgcTime.WmtsKvp);
        var options = layer.FindStyle(style)
            ?? throw new OgcException(OgcCodes.InvalidParameterValue, "Style", $"layer '{layer.Id}' has no style '{style}' (styles: {string.Join(", ", layer.StyleNames)})", notFoundStatus);
        var link = (sets.Find(setId) is { } s ? sets.Link(layer, s) : null)
            ?? throw new OgcException(OgcCodes.InvalidParameterValue, "TileMatrixSet", $"layer '{layer.Id}' is not offered in TileMatrixSet '{setId}' (offered: {string.Join(", ", sets.For(layer).Select(l => l.Set.Id))})", notFoundStatus);
        var set = link.Set;
        if (!set.TryGetMatrix(matrixId, out var matrix))
            throw new OgcException(OgcCodes.InvalidParameterValue, "TileMatrix", $"TileMatrixSet '{set.Id}' has no TileMatrix '{matrixId}' (valid: {set.Matrices[0].Id}..{set.Matrices[^1].Id})", notFoundStatus);
        var r = Index(row, "TileRow", matrix.MatrixHeight);
        var c = Index(col, "TileCol", matrix.MatrixWidth);
        if (link.Limits.FirstOrDefault(l => l.Matrix == matrix.Id) is { Matrix: not null } limits)
        {
            WithinLimits(r, "TileRow", limits.MinRow, limits.MaxRow, matrix.Id);
            WithinLimits(c, "TileCol", limits.MinCol, limits.MaxCol, matrix.Id);
        }
        return new WmtsTile(layer, style, options, set, matrix, r, c, selection);
    }

    /// <summary>A tile past the layer's TileMatrixLimits is TileOutOfRange, as one past the matrix (ets-wmts10).</summary>
    private static void WithinLimits(int value, string name, int min, int max, string matrix)
    {
        if (value < min || value > max)
            throw new OgcException(OgcCodes.TileOutOfRange, name, $"{name} {value} is outside the layer's limits in TileMatrix {matrix} ({min}..{max})");
    }

    private static int Index(string text, string name, int count)
    {
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
            throw OgcException.Invalid(name, $"{name} must be a non-negative integer, got '{text}'");
        return value < count
            ? value
            : throw new OgcException(OgcCodes.TileOutOfRange, name, $"{name} {value} is outside the matrix (0..{count - 1})");
    }
}
