namespace OgcTiler.Plugins.Colormaps;
internal static class Placeholder;
