using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Server.Rendering;

/// <summary>
/// The only place that turns a request into pixels: read (bands or expression inputs) → expression → rescale →
/// color formula → colormap → encode with the mask as alpha.
/// </summary>
public interface IRenderPipeline
{
    /// <summary>Reads and evaluates the request's bands or expression (no rescale, no colours): for statistics, point and npy.</summary>
    Task<RasterData> ReadAsync(RenderRequest request, CancellationToken cancellationToken);

    /// <summary>The full pipeline down to encoded bytes.</summary>
    Task<EncodedImage> RenderAsync(RenderRequest request, CancellationToken cancellationToken);

    /// <summary>The picture before encoding (the caller disposes it): for WMS, which composites several layers.</summary>
    internal Task<PixelImage> RenderPixelsAsync(RenderRequest request, CancellationToken cancellationToken);
}
