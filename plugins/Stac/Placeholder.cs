namespace OgcTiler.Plugins.Stac;
internal static class Placeholder;
