using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Rendering;
using OgcTiler.Plugins.Expressions.Compilation;
using OgcTiler.Plugins.Expressions.Syntax;

namespace OgcTiler.Plugins.Expressions;

/// <summary>An expression compiled to a vector kernel; thread-safe, evaluated many times.</summary>
internal sealed unsafe class CompiledExpression : ICompiledExpression
{
    private const int Lanes = 8;
    private readonly Kernel _kernel;
    private readonly string[] _outputNames;

    public CompiledExpression(string expression, IReadOnlyList<OutputExpression> outputs, IReadOnlyList<string> inputs, RasterDataType inputType)
    {
        Expression = expression;
        Inputs = inputs;
        _outputNames = [.. outputs.Select(o => o.Text)];
        var input = ValueKinds.OfInput(inputType);
        _kernel = KernelCompiler.Compile(outputs, inputs, input);
        OutputType = ValueKinds.DataType(outputs.Select(o => ValueKinds.Of(o.Root, input)).Max());
    }

    public string Expression { get; }

    public IReadOnlyList<string> Inputs { get; }

    public int OutputCount => _outputNames.Length;

    public RasterDataType OutputType { get; }

    public RasterData Evaluate(RasterData inputs)
    {
        var indexes = ResolveInputs(inputs);
        var result = RasterData.Create(inputs.Width, inputs.Height, _outputNames);
        try
        {
            inputs.Mask.CopyTo(result.Mask);
            var pixels = inputs.PixelCount;
            var whole = pixels - pixels % Lanes;
            fixed (float* source = inputs.AllSamples)
            fixed (float* target = result.AllSamples)
            fixed (byte* mask = result.Mask)
            {
                var inputPointers = new nint[indexes.Length];
                for (var k = 0; k < indexes.Length; k++)
                    inputPointers[k] = (nint)(source + (long)indexes[k] * pixels);
                var outputPointers = new nint[OutputCount];
                for (var j = 0; j < OutputCount; j++)
                    outputPointers[j] = (nint)(target + (long)j * pixels);
                _kernel(inputPointers, outputPointers, (nint)mask, whole);
                if (whole < pixels)
                    EvaluateTail(inputPointers, outputPointers, mask, whole, pixels - whole);
            }
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <summary>The last pixels that do not fill a vector: run the kernel once on padded copies.</summary>
    private void EvaluateTail(nint[] inputs, nint[] outputs, byte* mask, int start, int count)
    {
        var inputLanes = stackalloc float[Lanes * Math.Max(1, inputs.Length)];
        var outputLanes = stackalloc float[Lanes * outputs.Length];
        var maskLanes = stackalloc byte[Lanes];
        var tailInputs = new nint[inputs.Length];
        var tailOutputs = new nint[outputs.Length];
        for (var k = 0; k < inputs.Length; k++)
        {
            var lanes = new Span<float>(inputLanes + k * Lanes, Lanes);
            lanes.Fill(1f);
            new ReadOnlySpan<float>((float*)inputs[k] + start, count).CopyTo(lanes);
            tailInputs[k] = (nint)(inputLanes + k * Lanes);
        }
        for (var j = 0; j < outputs.Length; j++)
            tailOutputs[j] = (nint)(outputLanes + j * Lanes);
        new ReadOnlySpan<byte>(mask + start, count).CopyTo(new Span<byte>(maskLanes, Lanes));
        _kernel(tailInputs, tailOutputs, (nint)maskLanes, Lanes);
        for (var j = 0; j < outputs.Length; j++)
            new ReadOnlySpan<float>(outputLanes + j * Lanes, count).CopyTo(new Span<float>((float*)outputs[j] + start, count));
        new ReadOnlySpan<byte>(maskLanes, count).CopyTo(new Span<byte>(mask + start, count));
    }

    /// <summary>The exact name, else one differing in case only: rio-tiler lowers expressions, so "B1" is band b1.</summary>
    private static int IndexIgnoringCase(RasterData inputs, string name)
    {
        var index = inputs.IndexOf(name);
        for (var i = 0; index < 0 && i < inputs.BandCount; i++)
        {
            if (string.Equals(inputs.BandNames[i], name, StringComparison.OrdinalIgnoreCase))
                index = i;
        }
        return index;
    }

    private int[] ResolveInputs(RasterData inputs)
    {
        var indexes = new int[Inputs.Count];
        for (var k = 0; k < indexes.Length; k++)
        {
            indexes[k] = IndexIgnoringCase(inputs, Inputs[k]);
            if (indexes[k] < 0)
                throw ExpressionError.General(
                    $"band '{Inputs[k]}' is not in the data read (available: {string.Join(", ", inputs.BandNames)})");
        }
        return indexes;
    }
}
