using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Ogc.Wms;

/// <summary>
/// Renders a GetMap through the one pipeline. A single transparent layer is the pipeline's picture as it is (so it
/// equals the WMTS tile of the same grid); otherwise each layer is rendered losslessly and composited in order.
/// </summary>
internal sealed class WmsMapRenderer(IRenderPipeline pipeline)
{
    public async Task<EncodedImage> RenderAsync(WmsMapRequest map, CancellationToken cancellationToken)
    {
        if (map.Layers.Count == 1 && map.Transparent)
            return await pipeline.RenderAsync(Request(map.Layers[0], map, map.Format), cancellationToken);
        var transparent = map.Transparent && map.Format != ImageFormat.Jpeg;
        var layers = await Task.WhenAll(map.Layers.Select(l => pipeline.RenderAsync(Request(l, map, ImageFormat.Png), cancellationToken)));
        return MapImages.Composite(layers, map.Grid.Width, map.Grid.Height, map.Format, MapImages.Background(map.Background, transparent));
    }

    private static RenderRequest Request(WmsMapLayer layer, WmsMapRequest map, ImageFormat format) =>
        new(layer.Layer.Source, map.Grid, layer.Options, format);
}
