using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Rendering;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Api.Algorithms;

namespace OgcTiler.Server.Api.Sources;

/// <summary>
/// A source that reads the selected bands (or evaluates the expression) of the inner source, then applies a
/// TiTiler algorithm: read → algorithm happens here, rescale and colours stay in the render pipeline. The grid is
/// grown by the algorithm's buffer before reading, and the algorithm crops it back. <see cref="Info"/> gives the
/// algorithm's output data type, so outputs are drawn and written as TiTiler does (hillshade as uint8...).
/// </summary>
internal sealed class AlgorithmSource : IRasterSource
{
    private readonly IRasterSource _inner;
    private readonly IRasterAlgorithm _algorithm;
    private readonly IReadOnlyList<string> _inputs;
    private readonly ICompiledExpression? _expression;
    private readonly RasterDataType _inputType;

    public AlgorithmSource(IRasterSource inner, ParsedAlgorithm parsed, IReadOnlyList<string> bands, ICompiledExpression? expression)
    {
        var algorithm = parsed.Algorithm;
        _inner = inner;
        _algorithm = algorithm;
        _expression = expression;
        _inputs = expression?.Inputs ?? bands;
        var count = expression?.OutputCount ?? bands.Count;
        if (!algorithm.Accepts(count))
            throw new InvalidParameterException("algorithm",
                $"algorithm: {algorithm.Name} cannot use the {count} band(s) the request selects (it needs {(algorithm is Bitonal ? "1 or 3" : $"at least {algorithm.InputBands}")}); choose them with bidx, assets or expression");
        var outputNames = algorithm.OutputNames(expression is null ? bands : expression.Expression.Split(';'));
        _inputType = expression?.OutputType ?? inner.Info.DataType;
        var inputs = expression is null
            ? "bands:" + string.Join(',', bands.Select(Uri.EscapeDataString))
            : "expression:" + Uri.EscapeDataString(expression.Expression);
        Id = $"{inner.Id}|algorithm:{parsed.Identity}|{inputs}";
        Info = inner.Info with
        {
            DataType = AlgorithmDefinitions.OutputType(algorithm.Name, _inputType),
            BandNames = outputNames,
            Bands = outputNames.Select(n => new BandInfo(n)).ToArray(),
        };
    }

    /// <summary>Pixels the algorithm crops from every side of what it reads.</summary>
    public int Buffer => _algorithm.Buffer;

    /// <summary>The inner source's, the algorithm with its parameters and the bands or expression it is applied to.</summary>
    public string Id { get; }

    public SourceInfo Info { get; }

    public string Version => _inner.Version;

    public async Task<RasterData> ReadAsync(TargetGrid grid, IReadOnlyList<string> bands, ReadOptions options, CancellationToken cancellationToken)
    {
        var buffered = GridMargin.Grow(grid, _algorithm.Buffer);
        using var read = await _inner.ReadAsync(buffered, _inputs, options, cancellationToken);
        var context = new AlgorithmInput(buffered, _inputType);
        if (_expression is null)
            return _algorithm.Apply(read, context);
        using var evaluated = _expression.Evaluate(read);
        return _algorithm.Apply(evaluated, context);
    }
}
