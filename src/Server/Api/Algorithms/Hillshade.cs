using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Server.Api.Algorithms;

/// <summary>
/// TiTiler's hillshade of band 1: numpy-style central-difference gradients in pixel units, sun at
/// <see cref="Azimuth"/>/<see cref="AngleAltitude"/> degrees, output 0..255 truncated to integers.
/// </summary>
internal sealed class Hillshade(double azimuth = 45, double angleAltitude = 45, int buffer = 3) : IRasterAlgorithm
{
    public string Name => "hillshade";

    public double Azimuth { get; } = azimuth;

    public double AngleAltitude { get; } = angleAltitude;

    public int InputBands => 1;

    public int Buffer { get; } = buffer;

    public IReadOnlyList<string> OutputNames(IReadOnlyList<string> inputNames) => ["hillshade"];

    public RasterData Apply(RasterData input)
    {
        int w = input.Width, h = input.Height, b = Buffer;
        var output = RasterData.Create(Math.Max(1, w - 2 * b), Math.Max(1, h - 2 * b), ["hillshade"]);
        var dem = input.Band(0);
        var shade = output.Band(0);
        var azimuthRad = Azimuth * Math.PI / 180;
        var altitudeRad = AngleAltitude * Math.PI / 180;
        var (sinAlt, cosAlt) = Math.SinCos(altitudeRad);
        for (var row = 0; row < output.Height; row++)
        {
            var sy = Math.Min(row + b, h - 1);
            for (var col = 0; col < output.Width; col++)
            {
                var sx = Math.Min(col + b, w - 1);
                var x = Gradient(dem, w, h, sx, sy, alongRows: true);
                var y = Gradient(dem, w, h, sx, sy, alongRows: false);
                var slope = Math.PI / 2 - Math.Atan(Math.Sqrt(x * x + y * y));
                var aspect = Math.Atan2(-x, y);
                var shaded = sinAlt * Math.Sin(slope) + cosAlt * Math.Cos(slope) * Math.Cos(azimuthRad - aspect);
                var o = row * output.Width + col;
                shade[o] = (float)Math.Truncate(Math.Clamp(255 * (shaded + 1) / 2, 0, 255));
                output.Mask[o] = input.Mask[sy * w + sx];
            }
        }
        return output;
    }

    /// <summary>numpy.gradient: central difference inside, one-sided at the edges.</summary>
    private static double Gradient(Span<float> dem, int w, int h, int x, int y, bool alongRows)
    {
        int n = alongRows ? h : w, i = alongRows ? y : x;
        if (n < 2)
            return 0;
        int start = alongRows ? x : y * w, stride = alongRows ? w : 1;
        if (i == 0)
            return dem[start + stride] - dem[start];
        if (i == n - 1)
            return dem[start + (n - 1) * stride] - dem[start + (n - 2) * stride];
        return (dem[start + (i + 1) * stride] - dem[start + (i - 1) * stride]) / 2.0;
    }
}
