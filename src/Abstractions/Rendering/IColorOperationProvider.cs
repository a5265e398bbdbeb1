namespace OgcTiler.Abstractions.Rendering;

/// <summary>A parsed color formula (rio-color: "Gamma RGB 3.5 Saturation 1.7 Sigmoidal RGB 15 0.35").</summary>
public interface IColorOperation
{
    /// <summary>
    /// Applies the operations in place to three channels holding values in 0..1 (rio-color's float64 math type); the
    /// results are 8-bit levels / 255, as rio-tiler scales to uint8 after each operation.
    /// </summary>
    void Apply(Span<double> red, Span<double> green, Span<double> blue);
}

public interface IColorOperationProvider
{
    /// <summary>Throws <see cref="Errors.InvalidParameterException"/> (parameter "color_formula") naming the bad token.</summary>
    IColorOperation Parse(string formula);
}
