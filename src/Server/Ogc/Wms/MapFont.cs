using SkiaSharp;

namespace OgcTiler.Server.Ogc.Wms;

/// <summary>
/// The typeface of the text WMS draws (legend labels, INIMAGE exception messages). SkiaSharp's dependency-free Linux
/// build has no font manager, so <see cref="SKTypeface.Default"/> has no glyphs there and would draw nothing: a sans
/// font file of the system is loaded instead (Debian's fonts-dejavu-core, which .ci/run and the Dockerfile install).
/// </summary>
internal sealed class MapFont
{
    private static readonly string[] Candidates =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    ];

    public MapFont(ILogger<MapFont> logger)
    {
        Typeface = Find();
        if (Typeface.GlyphCount == 0)
            logger.LogWarning("No font found (looked for {Files}): legends and INIMAGE exception pictures will have no text; install fonts-dejavu-core", string.Join(", ", Candidates));
    }

    public SKTypeface Typeface { get; }

    private static SKTypeface Find()
    {
        if (SKTypeface.Default.GlyphCount > 0)
            return SKTypeface.Default;
        foreach (var path in Candidates)
            if (File.Exists(path) && SKTypeface.FromFile(path) is { GlyphCount: > 0 } typeface)
                return typeface;
        return SKTypeface.Default;
    }
}
