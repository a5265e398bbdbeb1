using OgcTiler.Abstractions.Rendering;

namespace OgcTiler.Plugins.Colormaps.Formulas;

/// <summary>
/// A parsed formula: its steps applied in order, each in float64 and then scaled to uint8 by truncation, as rio-tiler's
/// <c>scale_dtype(ops(to_math_type(out)), uint8)</c> after every operation.
/// </summary>
internal sealed class ColorFormula(IReadOnlyList<ColorStep> steps) : IColorOperation
{
    public IReadOnlyList<ColorStep> Steps { get; } = steps;

    public void Apply(Span<double> red, Span<double> green, Span<double> blue)
    {
        if (green.Length != red.Length || blue.Length != red.Length)
            throw new ArgumentException("red, green and blue must have the same length");
        foreach (var step in Steps)
        {
            step.Apply(red, green, blue);
            Truncate(red);
            Truncate(green);
            Truncate(blue);
        }
    }

    /// <summary>(x · 255).astype(uint8) / 255: truncation toward 0, NaN as 0 and values beyond 0..1 saturated.</summary>
    private static void Truncate(Span<double> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var scaled = values[i] * 255;
            values[i] = (double.IsNaN(scaled) ? 0 : Math.Clamp(Math.Truncate(scaled), 0, 255)) / 255.0;
        }
    }
}
