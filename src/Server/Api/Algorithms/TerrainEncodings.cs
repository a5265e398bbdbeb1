using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Server.Api.Algorithms;

/// <summary>
/// Mapzen Terrarium: v + 32768 (clipped to 0..65535) split into R = v/256, G = v mod 256, B = fraction·256, as uint8;
/// masked pixels get <see cref="NodataHeight"/> when it is set.
/// </summary>
internal sealed class Terrarium(double? nodataHeight = null) : IRasterAlgorithm
{
    public string Name => "terrarium";

    public double? NodataHeight { get; } = nodataHeight;

    public int InputBands => 1;

    public int Buffer => 0;

    public IReadOnlyList<string> OutputNames(IReadOnlyList<string> inputNames) => ["red", "green", "blue"];

    public RasterData Apply(RasterData input, AlgorithmInput context) =>
        HeightColours.Encode(input, NodataHeight, height =>
        {
            var v = Math.Clamp(height + 32768.0, 0, 65535);
            return (IntegerCasts.ToUInt8(v / 256), IntegerCasts.ToUInt8(v % 256), IntegerCasts.ToUInt8(v * 256 % 256));
        });
}

/// <summary>
/// Mapbox Terrain-RGB: (v − baseval) / interval rounded, as a 24-bit integer R·65536 + G·256 + B; masked pixels get
/// <see cref="NodataHeight"/> when it is set.
/// </summary>
internal sealed class TerrainRgb(double interval = 0.1, double baseval = -10000, double? nodataHeight = null) : IRasterAlgorithm
{
    public string Name => "terrainrgb";

    public double Interval { get; } = interval;

    public double Baseval { get; } = baseval;

    public double? NodataHeight { get; } = nodataHeight;

    public int InputBands => 1;

    public int Buffer => 0;

    public IReadOnlyList<string> OutputNames(IReadOnlyList<string> inputNames) => ["red", "green", "blue"];

    public RasterData Apply(RasterData input, AlgorithmInput context) =>
        HeightColours.Encode(input, NodataHeight, height =>
        {
            var scaled = Math.Round((height - Baseval) / Interval, MidpointRounding.ToEven);
            var code = (long)Math.Clamp(scaled, 0, 256 * 256 * 256 - 1);
            return ((code >> 16) & 0xFF, (code >> 8) & 0xFF, code & 0xFF);
        });
}

/// <summary>The red, green and blue bands of a height encoding, masked as the input.</summary>
internal static class HeightColours
{
    /// <summary>Each height of band 1 (<paramref name="nodataHeight"/> under the mask when it is set) encoded as three bytes.</summary>
    public static RasterData Encode(RasterData input, double? nodataHeight, Func<double, (float R, float G, float B)> encode)
    {
        var output = RasterData.Create(input.Width, input.Height, ["red", "green", "blue"]);
        input.Mask.CopyTo(output.Mask);
        var dem = input.Band(0);
        Span<float> r = output.Band(0), g = output.Band(1), b = output.Band(2);
        for (var i = 0; i < dem.Length; i++)
            (r[i], g[i], b[i]) = encode(nodataHeight is { } fill && input.Mask[i] == 0 ? fill : dem[i]);
        return output;
    }
}

/// <summary>
/// TiTiler's contours: band 1 rescaled from <see cref="MinZ"/>..<see cref="MaxZ"/> to 1..255, coloured with the
/// "terrain" colormap, and black where v mod <see cref="Increment"/> &lt; <see cref="Thickness"/> (numpy's floored modulo).
/// </summary>
internal sealed class Contours(Abstractions.Rendering.IColormap terrain, int increment = 35, int thickness = 1, int minZ = -12000, int maxZ = 8000) : IRasterAlgorithm
{
    public string Name => "contours";

    public int Increment { get; } = increment;

    public int Thickness { get; } = thickness;

    public int MinZ { get; } = minZ;

    public int MaxZ { get; } = maxZ;

    public int InputBands => 1;

    public int Buffer => 0;

    public IReadOnlyList<string> OutputNames(IReadOnlyList<string> inputNames) => ["contours_r", "contours_g", "contours_b"];

    public RasterData Apply(RasterData input, AlgorithmInput context)
    {
        var output = RasterData.Create(input.Width, input.Height, ["contours_r", "contours_g", "contours_b"]);
        input.Mask.CopyTo(output.Mask);
        var dem = input.Band(0);
        var n = dem.Length;
        var levels = new float[n];
        var rgba = new byte[n * 4];
        var all = new byte[n];
        all.AsSpan().Fill(255);
        for (var i = 0; i < n; i++)
            levels[i] = IntegerCasts.ToUInt8(Rescale(dem[i]));
        terrain.Apply(levels, all, rgba);
        Span<float> r = output.Band(0), g = output.Band(1), b = output.Band(2);
        for (var i = 0; i < n; i++)
        {
            var onLine = FlooredModulo(dem[i], Increment) < Thickness;
            r[i] = onLine ? 0 : rgba[4 * i];
            g[i] = onLine ? 0 : rgba[4 * i + 1];
            b[i] = onLine ? 0 : rgba[4 * i + 2];
        }
        return output;
    }

    /// <summary>rio-tiler's linear_rescale: clip to the input range, then map it linearly onto 1..255.</summary>
    private double Rescale(double v) => MaxZ == MinZ ? 1 : (Math.Clamp(v, Math.Min(MinZ, MaxZ), Math.Max(MinZ, MaxZ)) - MinZ) / (MaxZ - MinZ) * 254 + 1;

    /// <summary>numpy's %: the result takes the divisor's sign; a zero divisor gives NaN (never a line).</summary>
    private static double FlooredModulo(double v, int d) => d == 0 ? double.NaN : v - d * Math.Floor(v / d);
}
