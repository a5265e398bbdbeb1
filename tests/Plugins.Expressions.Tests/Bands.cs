using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Plugins.Expressions.Tests;

/// <summary>Test inputs: 37 pixels (so the last ones do not fill a vector) with named bands.</summary>
internal static class Bands
{
    public const int Width = 37;

    public static double B1(int i) => (i - 18) * 0.37;

    public static double B2(int i) => i * 0.5 + 0.25;

    public static double B3(int i) => (i * 7 % 11) - 5;

    public static RasterData Create(params (string Name, Func<int, double> Value)[] bands)
    {
        var data = RasterData.Create(Width, 1, [.. bands.Select(b => b.Name)]);
        for (var b = 0; b < bands.Length; b++)
        {
            var band = data.Band(b);
            for (var i = 0; i < Width; i++)
                band[i] = (float)bands[b].Value(i);
        }
        data.Mask.Fill(255);
        return data;
    }

    public static RasterData Standard() => Create(("b1", B1), ("b2", B2), ("b3", B3));
}
