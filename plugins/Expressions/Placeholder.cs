namespace OgcTiler.Plugins.Expressions;
internal static class Placeholder;
