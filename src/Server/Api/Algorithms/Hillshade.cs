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
        var azimuthRad = (360 - Azimuth) * Math.PI / 180;
        var (sinAlt, cosAlt) = Math.SinCos(AngleAltitude * Math.PI / 180);
        var z = ZExaggeration;
        return NumpyGradient.Map(input, Buffer, Name, (alongRows, alongColumns) =>
        {
            double x = alongRows * z, y = alongColumns * z;
            var slope = Math.PI / 2 - Math.Atan(Math.Sqrt(x * x + y * y));
            var aspect = Math.Atan2(-x, y);
            var shaded = sinAlt * Math.Sin(slope) + cosAlt * Math.Cos(slope) * Math.Cos(azimuthRad - aspect);
            return IntegerCasts.ToUInt8(Math.Max(0, 255 * (shaded + 1) / 2));
        });
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
        var sizeX = Math.Abs(context.Grid.ResolutionX);
        var sizeY = Math.Abs(context.Grid.ResolutionY);
        var z = ZExaggeration;
        return NumpyGradient.Map(input, Buffer, Name, (alongRows, alongColumns) =>
        {
            double dx = alongRows * z / sizeX, dy = alongColumns * z / sizeY;
            return (float)(Math.Atan(Math.Sqrt(dx * dx + dy * dy)) * 180 / Math.PI);
        });
    }
}
