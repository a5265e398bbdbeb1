using OgcTiler.Server.Rendering;
using OgcTiler.Server.Rendering.Encoders;

namespace OgcTiler.Server.Ogc.Wms;

/// <summary>
/// Renders a GetMap through the one pipeline. A single transparent layer is the pipeline's picture as it is (so it
/// equals the WMTS tile of the same grid), and so is a single opaque picture; otherwise the layers' pictures are
/// composited in order over the background, before encoding.
/// </summary>
internal sealed class WmsMapRenderer(IRenderPipeline pipeline, ImageEncoders encoders)
{
    public async Task<EncodedImage> RenderAsync(WmsMapRequest map, CancellationToken cancellationToken)
    {
        if (map.Layers.Count == 1 && map.Transparent)
            return await pipeline.RenderAsync(Request(map.Layers[0], map), cancellationToken);
        var renders = map.Layers.Select(l => pipeline.RenderPixelsAsync(Request(l, map), cancellationToken)).ToList();
        try
        {
            var layers = await Task.WhenAll(renders);
            if (layers is [{ HasAlpha: false } opaque])
                return Encode(opaque, map.Format); // covers the background: nothing to composite
            var transparent = map.Transparent && map.Format != ImageFormat.Jpeg;
            using var composite = LayerCompositor.Composite(layers, map.Grid.Width, map.Grid.Height, transparent ? 0 : 0xFF000000 | map.Background);
            return Encode(composite, map.Format);
        }
        finally
        {
            // also when another layer failed: the pictures hold pooled buffers
            foreach (var render in renders.Where(r => r.IsCompletedSuccessfully))
                render.Result.Dispose();
        }
    }

    private EncodedImage Encode(PixelImage picture, ImageFormat format) => new(encoders.Get(format).Encode(picture), format);

    private static RenderRequest Request(WmsMapLayer layer, WmsMapRequest map) =>
        new(layer.Layer.Source, map.Grid, layer.Options, map.Format);
}
