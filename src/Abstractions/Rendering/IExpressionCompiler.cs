using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Abstractions.Rendering;

/// <summary>Compiles band-math expressions (rio-tiler syntax: "(b4-b3)/(b4+b3)", "B08;B04;B03").</summary>
public interface IExpressionCompiler
{
    /// <summary>Throws <see cref="Errors.InvalidParameterException"/> (parameter "expression") with the position of a syntax error.</summary>
    /// <param name="inputType">The data type of the bands read, which decides integer semantics as numexpr's.</param>
    ICompiledExpression Compile(string expression, RasterDataType inputType);
}

public interface ICompiledExpression
{
    string Expression { get; }

    /// <summary>Band names the expression reads, in first-use order ("b1", "B08", "B08_b1").</summary>
    IReadOnlyList<string> Inputs { get; }

    /// <summary>Number of outputs (expressions separated by ';').</summary>
    int OutputCount { get; }

    /// <summary>The data type numexpr gives the outputs (int32 for integer arithmetic, float64 after a division...).</summary>
    RasterDataType OutputType { get; }

    /// <summary>
    /// Evaluates over every pixel of <paramref name="inputs"/> (which holds at least <see cref="Inputs"/> by name).
    /// Output bands are named by their expression text; invalid input pixels and non-finite results are masked.
    /// </summary>
    RasterData Evaluate(RasterData inputs);
}
