using OgcTiler.Abstractions.Errors;

namespace OgcTiler.Server.Api.Titiler;

/// <summary>Output size of preview, bbox, feature and statistics: <c>max_size</c>, <c>width</c>, <c>height</c>.</summary>
/// <remarks>When both width and height are given, max_size is ignored (TiTiler's PreviewParams/PartFeatureParams).</remarks>
internal sealed record ImageSize(int? MaxSize, int? Width, int? Height)
{
    public const int Limit = 10_000;

    /// <param name="defaultMaxSize">1024 for preview and statistics, null (native resolution) for bbox and feature.</param>
    /// <remarks><c>max_size=0</c> reads at native resolution, as rio-tiler (a falsy max_size is no limit).</remarks>
    public static ImageSize Parse(QueryReader query, int? defaultMaxSize, int? pathWidth = null, int? pathHeight = null)
    {
        var maxSize = query.Int("max_size", 0, Limit) ?? defaultMaxSize;
        if (maxSize == 0)
            maxSize = null;
        var width = pathWidth ?? query.Int("width", 1, Limit);
        var height = pathHeight ?? query.Int("height", 1, Limit);
        return width is not null && height is not null ? new ImageSize(null, width, height) : new ImageSize(maxSize, width, height);
    }

    /// <summary>
    /// The pixel size for an area whose native size is <paramref name="nativeWidth"/>×<paramref name="nativeHeight"/>:
    /// explicit width/height win; a single one keeps the aspect ratio; max_size caps the longer side (never upsampling).
    /// </summary>
    public (int Width, int Height) Resolve(double nativeWidth, double nativeHeight)
    {
        nativeWidth = Math.Max(nativeWidth, 1);
        nativeHeight = Math.Max(nativeHeight, 1);
        var ratio = nativeHeight / nativeWidth;
        (int W, int H) size = (Width, Height) switch
        {
            ({ } w, { } h) => (w, h),
            ({ } w, null) => (w, Math.Max(1, (int)Math.Ceiling(w * ratio))),
            (null, { } h) => (Math.Max(1, (int)Math.Ceiling(h / ratio)), h),
            _ => (Math.Max(1, (int)Math.Round(nativeWidth)), Math.Max(1, (int)Math.Round(nativeHeight))),
        };
        if (MaxSize is { } max && Width is null && Height is null && Math.Max(size.W, size.H) > max)
            size = ratio > 1 ? (Math.Max(1, (int)Math.Ceiling(max / ratio)), max) : (max, Math.Max(1, (int)Math.Ceiling(max * ratio)));
        if (size.W > Limit || size.H > Limit)
            throw new InvalidParameterException("max_size", $"the output would be {size.W}×{size.H} pixels; the limit is {Limit} per side (set max_size, width or height)");
        return size;
    }
}

/// <summary>
/// Tile parameters: <c>tilesize</c> (2.x), <c>@{scale}x</c> (1.x), <c>buffer</c> (kept in the output),
/// <c>padding</c> (read around the tile and cropped, see <see cref="Sources.PaddedSource"/>).
/// </summary>
internal sealed record TileParameters(int? TileSize, int? Scale, double Buffer, int Padding)
{
    public static TileParameters Parse(QueryReader query, int? pathScale)
    {
        if (pathScale is < 1 or > 4)
            throw new InvalidParameterException("scale", $"scale: @{pathScale}x is outside @1x..@4x");
        var buffer = query.Double("buffer") ?? 0;
        if (double.IsNaN(buffer) || buffer < 0 || buffer > 256 || buffer * 2 != Math.Floor(buffer * 2))
            throw new InvalidParameterException("buffer", $"buffer: '{query.String("buffer")}' must be a multiple of 0.5 between 0 and 256");
        return new TileParameters(query.Int("tilesize", 1, 4096), pathScale, buffer, query.Int("padding", 0, 64) ?? 0);
    }

    /// <summary>
    /// Output size of one tile side before the buffer: <c>tilesize</c> wins over <c>@{scale}x</c> (documented dialect
    /// conflict), which multiplies 256 as TiTiler 1.x; otherwise the TileMatrix's own tile size.
    /// </summary>
    public int Resolve(int matrixTileSize) => TileSize ?? (Scale is { } s ? 256 * s : matrixTileSize);

    /// <summary>A tile of <paramref name="tileSize"/> pixels grows by <c>2 × buffer</c> (TiTiler: 0.5 gives 257×257).</summary>
    public int WithBuffer(int tileSize) => tileSize + (int)(2 * Buffer);
}
