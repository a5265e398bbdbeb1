using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Server.Api.Algorithms;

/// <summary>Mapzen Terrarium: v + 32768 (clipped to 0..65535) split into R = v/256, G = v mod 256, B = fraction·256.</summary>
internal sealed class Terrarium : IRasterAlgorithm
{
    public string Name => "terrarium";

    public int InputBands => 1;

    public int Buffer => 0;

    public IReadOnlyList<string> OutputNames(IReadOnlyList<string> inputNames) => ["red", "green", "blue"];

    public RasterData Apply(RasterData input)
    {
        var output = RasterData.Create(input.Width, input.Height, ["red", "green", "blue"]);
        input.Mask.CopyTo(output.Mask);
        var dem = input.Band(0);
        Span<float> r = output.Band(0), g = output.Band(1), b = output.Band(2);
        for (var i = 0; i < dem.Length; i++)
        {
            var v = Math.Clamp(dem[i] + 32768.0, 0, 65535);
            r[i] = (byte)(v / 256);
            g[i] = (byte)(v % 256);
            b[i] = (byte)(v * 256 % 256);
        }
        return output;
    }
}

/// <summary>Mapbox Terrain-RGB: (v − baseval) / interval rounded, as a 24-bit integer R·65536 + G·256 + B.</summary>
internal sealed class TerrainRgb(double interval = 0.1, double baseval = -10000) : IRasterAlgorithm
{
    public string Name => "terrainrgb";

    public double Interval { get; } = interval;

    public double Baseval { get; } = baseval;

    public int InputBands => 1;

    public int Buffer => 0;

    public IReadOnlyList<string> OutputNames(IReadOnlyList<string> inputNames) => ["red", "green", "blue"];

    public RasterData Apply(RasterData input)
    {
        var output = RasterData.Create(input.Width, input.Height, ["red", "green", "blue"]);
        input.Mask.CopyTo(output.Mask);
        var dem = input.Band(0);
        Span<float> r = output.Band(0), g = output.Band(1), b = output.Band(2);
        for (var i = 0; i < dem.Length; i++)
        {
            var code = (long)Math.Clamp(Math.Round((dem[i] - Baseval) / Interval, MidpointRounding.ToEven), 0, 256 * 256 * 256 - 1);
            r[i] = (code >> 16) & 0xFF;
            g[i] = (code >> 8) & 0xFF;
            b[i] = code & 0xFF;
        }
        return output;
    }
}
