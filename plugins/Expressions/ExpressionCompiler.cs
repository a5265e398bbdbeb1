using System.Collections.Concurrent;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Rendering;
using OgcTiler.Plugins.Expressions.Syntax;

namespace OgcTiler.Plugins.Expressions;

/// <summary>Parses and compiles rio-tiler band math, once per distinct expression text.</summary>
internal sealed class ExpressionCompiler : IExpressionCompiler
{
    private const int CacheCapacity = 512;
    private readonly ConcurrentDictionary<(string, RasterDataType), CompiledExpression> _cache = new();

    public ICompiledExpression Compile(string expression, RasterDataType inputType)
    {
        if (_cache.TryGetValue((expression, inputType), out var cached))
            return cached;
        var compiled = Build(expression, inputType);
        if (_cache.Count >= CacheCapacity)
            _cache.Clear();
        return _cache.GetOrAdd((expression, inputType), compiled);
    }

    internal static CompiledExpression Build(string expression, RasterDataType inputType = RasterDataType.Float32)
    {
        var outputs = Parser.Parse(expression);
        var inputs = new List<string>();
        foreach (var output in outputs)
            CollectBands(output.Root, inputs);
        return new CompiledExpression(expression, outputs, inputs, inputType);
    }

    private static void CollectBands(Node node, List<string> bands)
    {
        switch (node)
        {
            case BandNode band when !bands.Contains(band.Name):
                bands.Add(band.Name);
                break;
            case UnaryNode unary:
                CollectBands(unary.Operand, bands);
                break;
            case BinaryNode binary:
                CollectBands(binary.Left, bands);
                CollectBands(binary.Right, bands);
                break;
            case CallNode call:
                foreach (var argument in call.Arguments)
                    CollectBands(argument, bands);
                break;
        }
    }
}
