using OgcTiler.Abstractions.Rendering;

namespace OgcTiler.Plugins.Colormaps.Formulas;

/// <summary>A parsed formula: its steps applied in order.</summary>
internal sealed class ColorFormula(IReadOnlyList<ColorStep> steps) : IColorOperation
{
    public IReadOnlyList<ColorStep> Steps { get; } = steps;

    public void Apply(Span<float> red, Span<float> green, Span<float> blue)
    {
        if (green.Length != red.Length || blue.Length != red.Length)
            throw new ArgumentException("red, green and blue must have the same length");
        foreach (var step in Steps)
            step.Apply(red, green, blue);
    }
}
