using OgcTiler.Abstractions.Errors;
using OgcTiler.Server.Configuration;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Layers;

public static class LayerStyles
{
    /// <summary>The layer's render options with the named style (or "default" when there is one) applied over them.</summary>
    public static RenderOptions Resolve(LayerDefinition layer, string? style)
    {
        if (string.IsNullOrEmpty(style) || style == "default")
            return layer.Styles.TryGetValue("default", out var fallback) ? layer.Render.With(fallback) : layer.Render;
        return layer.Styles.TryGetValue(style, out var named)
            ? layer.Render.With(named)
            : throw new InvalidParameterException("style", $"style: layer '{layer.Id}' has no style '{style}' (styles: {string.Join(", ", Names(layer))})");
    }

    /// <summary>"default" first, then the configured styles.</summary>
    public static IEnumerable<string> Names(LayerDefinition layer) =>
        new[] { "default" }.Concat(layer.Styles.Keys.Where(k => k != "default"));
}
