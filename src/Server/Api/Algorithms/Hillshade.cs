using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Server.Api.Algorithms;

/// <summary>
/// TiTiler 2.x's hillshade of band 1: numpy-style gradients in pixel units scaled by <see cref="ZExaggeration"/>, sun at
/// 360 − <see cref="Azimuth"/> and <see cref="AngleAltitude"/> degrees, 255·(shaded + 1)/2 floored at 0, as uint8.
/// </summary>
internal sealed class Hillshade(double azimuth = 45, double angleAltitude = 45, int buffer = 3, double zExaggeration = 1) : IRasterAlgorithm
{
    public string Name => "hillshade";

    public double Azimuth { get; } = azimuth;

    public double AngleAltitude { get; } = angleAltitude;

    public double ZExaggeration { get; } = zExaggeration;

    public int InputBands => 1;

    public int Buffer { get; } = buffer;

    public IReadOnlyList<string> OutputNames(IReadOnlyList<string> inputNames) => ["hillshade"];

    public RasterData Apply(RasterData input, AlgorithmInput context)
    {
        int w = input.Width, h = input.Height, b = Buffer;
        var output = RasterData.Create(Math.Max(1, w - 2 * b), Math.Max(1, h - 2 * b), ["hillshade"]);
        var dem = input.Band(0);
        var shade = output.Band(0);
        var azimuthRad = (360 - Azimuth) * Math.PI / 180;
        var (sinAlt, cosAlt) = Math.SinCos(AngleAltitude * Math.PI / 180);
        for (var row = 0; row < output.Height; row++)
        {
            var sy = Math.Min(row + b, h - 1);
            for (var col = 0; col < output.Width; col++)
            {
                var sx = Math.Min(col + b, w - 1);
                var x = NumpyGradient.At(dem, w, h, sx, sy, alongRows: true) * ZExaggeration;
                var y = NumpyGradient.At(dem, w, h, sx, sy, alongRows: false) * ZExaggeration;
                var slope = Math.PI / 2 - Math.Atan(Math.Sqrt(x * x + y * y));
                var aspect = Math.Atan2(-x, y);
                var shaded = sinAlt * Math.Sin(slope) + cosAlt * Math.Cos(slope) * Math.Cos(azimuthRad - aspect);
                var o = row * output.Width + col;
                shade[o] = IntegerCasts.ToUInt8(Math.Max(0, 255 * (shaded + 1) / 2));
                output.Mask[o] = input.Mask[sy * w + sx];
            }
        }
        return output;
    }
}

/// <summary>
/// TiTiler 2.x's slope in degrees (float32, 0..90): numpy gradients scaled by <see cref="ZExaggeration"/> and divided by
/// the pixel size of the grid read (axis 0 by the x size, axis 1 by the y size, as TiTiler).
/// </summary>
internal sealed class Slope(int buffer = 3, double zExaggeration = 1) : IRasterAlgorithm
{
    public string Name => "slope";

    public double ZExaggeration { get; } = zExaggeration;

    public int InputBands => 1;

    public int Buffer { get; } = buffer;

    public IReadOnlyList<string> OutputNames(IReadOnlyList<string> inputNames) => ["slope"];

    public RasterData Apply(RasterData input, AlgorithmInput context)
    {
        int w = input.Width, h = input.Height, b = Buffer;
        var output = RasterData.Create(Math.Max(1, w - 2 * b), Math.Max(1, h - 2 * b), ["slope"]);
        var dem = input.Band(0);
        var slope = output.Band(0);
        var sizeX = Math.Abs(context.Grid.ResolutionX);
        var sizeY = Math.Abs(context.Grid.ResolutionY);
        for (var row = 0; row < output.Height; row++)
        {
            var sy = Math.Min(row + b, h - 1);
            for (var col = 0; col < output.Width; col++)
            {
                var sx = Math.Min(col + b, w - 1);
                var dx = NumpyGradient.At(dem, w, h, sx, sy, alongRows: true) * ZExaggeration / sizeX;
                var dy = NumpyGradient.At(dem, w, h, sx, sy, alongRows: false) * ZExaggeration / sizeY;
                var o = row * output.Width + col;
                slope[o] = (float)(Math.Atan(Math.Sqrt(dx * dx + dy * dy)) * 180 / Math.PI);
                output.Mask[o] = input.Mask[sy * w + sx];
            }
        }
        return output;
    }
}
