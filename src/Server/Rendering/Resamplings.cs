using System.Collections.Frozen;
using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Server.Rendering;

/// <summary>The names of the resampling methods, as queries and layer configs spell them.</summary>
public static class Resamplings
{
    private static readonly FrozenDictionary<string, ResamplingMethod> Methods = new Dictionary<string, ResamplingMethod>
    {
        ["nearest"] = ResamplingMethod.Nearest,
        ["bilinear"] = ResamplingMethod.Bilinear,
        ["cubic"] = ResamplingMethod.Cubic,
        ["average"] = ResamplingMethod.Average,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static IEnumerable<string> Names => Methods.Keys;

    public static bool TryParse(string text, out ResamplingMethod method) => Methods.TryGetValue(text.Trim(), out method);
}
