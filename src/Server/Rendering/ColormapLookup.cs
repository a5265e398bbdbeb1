using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Rendering;

namespace OgcTiler.Server.Rendering;

/// <summary>The one look-up of a request's colormap (<c>colormap</c> JSON or <c>colormap_name</c>): tiles, images and legends answer alike.</summary>
internal static class ColormapLookup
{
    /// <summary>The colormap the options ask for, null when they ask for none; an unknown name or a missing plugin is an <see cref="InvalidParameterException"/>.</summary>
    public static IColormap? Find(IColormapProvider? provider, RenderOptions options)
    {
        if (options.ColormapName is null && options.Colormap is null)
            return null;
        var parameter = options.ColormapName is null ? "colormap" : "colormap_name";
        if (provider is null)
            throw new InvalidParameterException(parameter, $"{parameter}: the Colormaps plugin is not loaded, so colormaps are not available");
        if (options.Colormap is not null)
            return provider.Parse(options.Colormap);
        return provider.TryGet(options.ColormapName!, out var colormap)
            ? colormap
            : throw new InvalidParameterException("colormap_name", $"colormap_name: unknown colormap '{options.ColormapName}' (known: {string.Join(", ", provider.Names.Order())})");
    }
}
