namespace OgcTiler.Raster.Warp;

/// <summary>A rectangle of pixels of one raster level (X/Y of its top-left pixel, size in pixels).</summary>
internal readonly record struct SourceWindow(int X, int Y, int Width, int Height)
{
    public bool IsEmpty => Width <= 0 || Height <= 0;

    public int Right => X + Width;

    public int Bottom => Y + Height;

    /// <summary>
    /// The pixels a kernel of <paramref name="radius"/> pixels needs around sample positions spanning
    /// [<paramref name="minX"/>, <paramref name="maxX"/>] × [<paramref name="minY"/>, <paramref name="maxY"/>],
    /// clipped to a level of <paramref name="levelWidth"/>×<paramref name="levelHeight"/>.
    /// </summary>
    public static SourceWindow Covering(double minX, double minY, double maxX, double maxY, int radius, int levelWidth, int levelHeight)
    {
        if (!(minX <= maxX) || !(minY <= maxY))
            return default;
        var x0 = Clamp(Math.Floor(minX) - radius, levelWidth);
        var y0 = Clamp(Math.Floor(minY) - radius, levelHeight);
        var x1 = Clamp(Math.Floor(maxX) + radius + 1, levelWidth);
        var y1 = Clamp(Math.Floor(maxY) + radius + 1, levelHeight);
        return x1 > x0 && y1 > y0 ? new SourceWindow(x0, y0, x1 - x0, y1 - y0) : default;
    }

    private static int Clamp(double value, int max) => (int)Math.Clamp(value, 0, max);
}
