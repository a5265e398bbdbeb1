using System.Globalization;
using System.Text.Json;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Crs;

namespace OgcTiler.Raster.Tiling;

/// <summary>
/// An OGC TileMatrixSet (2D TMS 2.0). Tile coordinates are (matrix id, column, row); bounds are x=east, y=north in
/// <see cref="Crs"/>. Build one with <see cref="TileMatrixSetLoader"/> or get it from <see cref="TileMatrixSetRegistry"/>.
/// </summary>
public sealed class TileMatrixSet
{
    private readonly TmsDocument _document;
    private readonly Dictionary<string, TileMatrix> _byId;

    internal TileMatrixSet(TmsDocument document, CrsDefinition crs, bool northingFirst, IReadOnlyList<TileMatrix> matrices)
    {
        _document = document;
        Crs = crs;
        NorthingFirst = northingFirst;
        Matrices = matrices;
        _byId = matrices.ToDictionary(m => m.Id, StringComparer.Ordinal);
    }

    public string Id => _document.Id!;

    public string? Title => _document.Title;

    /// <summary>The registered URI of the set, e.g. http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad.</summary>
    public string? Uri => _document.Uri;

    public CrsDefinition Crs { get; }

    /// <summary>The crs value of the definition as written (URI).</summary>
    public string CrsUri => _document.Crs!.Uri!;

    /// <summary>True when the set's axis order (orderedAxes, else the CRS's) puts northing/latitude first.</summary>
    public bool NorthingFirst { get; }

    /// <summary>The TMS 2.0 wellKnownScaleSet URI as declared, if any.</summary>
    public string? WellKnownScaleSet => _document.WellKnownScaleSet;

    /// <summary>Tile matrices from coarsest to finest.</summary>
    public IReadOnlyList<TileMatrix> Matrices { get; }

    /// <summary>Extent of the coarsest matrix, x=east, y=north.</summary>
    public Bounds Bounds => Matrices[0].Bounds;

    public bool TryGetMatrix(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TileMatrix? matrix) =>
        _byId.TryGetValue(id, out matrix);

    public bool TryGetMatrix(int z, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TileMatrix? matrix) =>
        _byId.TryGetValue(z.ToString(CultureInfo.InvariantCulture), out matrix);

    /// <summary>The matrix with this id; otherwise ResourceNotFoundException naming the valid ids.</summary>
    public TileMatrix GetMatrix(string id) =>
        TryGetMatrix(id, out var m)
            ? m
            : throw new ResourceNotFoundException($"TileMatrixSet '{Id}' has no tile matrix '{id}' (valid: {Matrices[0].Id}..{Matrices[^1].Id})");

    public TileMatrix GetMatrix(int z) => GetMatrix(z.ToString(CultureInfo.InvariantCulture));

    /// <summary>Bounds of tile (z, x, y); ResourceNotFoundException when it is outside the set.</summary>
    public Bounds TileBounds(int z, int x, int y)
    {
        var m = GetMatrix(z);
        if (!m.Contains(x, y))
            throw new ResourceNotFoundException($"tile {z}/{x}/{y} is outside TileMatrixSet '{Id}' (matrix {m.Id} has columns 0..{m.MatrixWidth - 1} and rows 0..{m.MatrixHeight - 1})");
        return m.TileBounds(x, y);
    }

    /// <summary>The pixel grid of tile (z, x, y): its bounds and the matrix's tile size.</summary>
    public TargetGrid TileGrid(int z, int x, int y)
    {
        var b = TileBounds(z, x, y);
        var m = GetMatrix(z);
        return new TargetGrid(Crs.Id, b.MinX, b.MinY, b.MaxX, b.MaxY, m.TileWidth, m.TileHeight);
    }

    /// <summary>The top-left corner of <paramref name="matrix"/> in the CRS's axis order (WMTS TopLeftCorner).</summary>
    public (double First, double Second) TopLeftCorner(TileMatrix matrix)
    {
        var b = matrix.Bounds;
        return NorthingFirst ? (b.MaxY, b.MinX) : (b.MinX, b.MaxY);
    }

    /// <summary>
    /// The scale of <paramref name="matrix"/>'s cell size at the OGC's 0.28 mm pixels, the number WMTS clients derive
    /// the cell size from. A TMS 2.0 definition may declare its scales for another pixel size (CanadianNAD83_LCC: 96 dpi).
    /// </summary>
    public double StandardScaleDenominator(TileMatrix matrix) =>
        matrix.CellSize * Crs.MetersPerUnit / TileMatrixSetLoader.StandardPixelSize;

    /// <summary>The WMTS 1.0 well-known scale set URN this set conforms to (see <see cref="WellKnownScaleSets"/>), or null.</summary>
    public string? WmtsWellKnownScaleSet => WellKnownScaleSets.Match(this);

    /// <summary>
    /// The coarsest and finest useful matrices for a dataset of <paramref name="width"/>×<paramref name="height"/>
    /// pixels covering <paramref name="nativeBounds"/> in <paramref name="datasetCrs"/> (rio-tiler's minzoom/maxzoom),
    /// its bounds carried into the set's CRS with the dataset's datum operation (<paramref name="area"/>, as
    /// rasterio's calculate_default_transform gets it from GDAL).
    /// </summary>
    public (TileMatrix Min, TileMatrix Max) ZoomRange(CrsDefinition datasetCrs, Bounds nativeBounds, int width, int height, CrsRegistry crs, AreaOfInterest? area = null) =>
        Zoom.Range(this, datasetCrs, nativeBounds, width, height, crs, area);

    /// <summary>The definition as OGC TMS 2.0 JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(_document, TmsJson.Options);

    public override string ToString() => Id;
}

/// <summary>How a resolution between two matrices is rounded (GDAL COG driver ZOOM_LEVEL_STRATEGY).</summary>
public enum ZoomStrategy
{
    /// <summary>The closest matrix.</summary>
    Auto,

    /// <summary>The coarser matrix.</summary>
    Lower,

    /// <summary>The finer matrix.</summary>
    Upper,
}
