using OgcTiler.Abstractions.Raster;
using OgcTiler.Plugins.Expressions.Syntax;

namespace OgcTiler.Plugins.Expressions.Compilation;

/// <summary>numexpr's value kinds, in its promotion order (a binary operation takes the higher of its operands).</summary>
internal enum ValueKind { Bool, Int, Long, Float, Double }

/// <summary>
/// numexpr's typing of an expression: arrays of 8- to 32-bit integers are int, uint32 long, float32 float, float64
/// double; integer literals int, other literals double; '/' and the math functions turn integers into double;
/// comparisons, '&amp;' and '|' give bool. The kernels compute in float32 either way; the kind decides integer
/// semantics ('%' and '//' by 0 give 0, '~' is bitwise) and the output data type.
/// </summary>
internal static class ValueKinds
{
    public static ValueKind OfInput(RasterDataType type) => type switch
    {
        RasterDataType.UInt32 => ValueKind.Long,
        RasterDataType.Float32 => ValueKind.Float,
        RasterDataType.Float64 => ValueKind.Double,
        _ => ValueKind.Int,
    };

    public static bool IsInteger(ValueKind kind) => kind is ValueKind.Int or ValueKind.Long;

    /// <summary>The data type numpy gives the stacked outputs; numexpr's long has no type here and becomes float64.</summary>
    public static RasterDataType DataType(ValueKind kind) => kind switch
    {
        ValueKind.Bool => RasterDataType.UInt8,
        ValueKind.Int => RasterDataType.Int32,
        ValueKind.Float => RasterDataType.Float32,
        _ => RasterDataType.Float64,
    };

    public static ValueKind Of(Node node, ValueKind input) => node switch
    {
        NumberNode number => number.IsInteger ? ValueKind.Int : ValueKind.Double,
        BandNode => input,
        UnaryNode { Operator: TokenKind.Not } unary => Of(unary.Operand, input) is var kind && IsInteger(kind) ? kind : ValueKind.Bool,
        UnaryNode unary => Of(unary.Operand, input),
        BinaryNode binary => OfBinary(binary, input),
        CallNode call => OfCall(call, input),
        _ => throw new InvalidOperationException($"unhandled node {node.GetType().Name}"),
    };

    private static ValueKind OfBinary(BinaryNode node, ValueKind input)
    {
        var common = Max(Of(node.Left, input), Of(node.Right, input));
        return node.Operator switch
        {
            TokenKind.Slash => ToFloating(common),
            TokenKind.Plus or TokenKind.Minus or TokenKind.Star or TokenKind.FloorSlash or TokenKind.Percent or TokenKind.Power => common,
            _ => ValueKind.Bool,
        };
    }

    private static ValueKind OfCall(CallNode node, ValueKind input)
    {
        var kinds = node.Arguments.Select(a => Of(a, input)).ToArray();
        return node.Function switch
        {
            Function.Where => Max(kinds[1], kinds[2]),
            Function.Minimum or Function.Maximum or Function.Clip => kinds.Aggregate(Max),
            Function.Sign or Function.Round => kinds[0],
            Function.Real or Function.Imag or Function.Conj => ValueKind.Double,
            _ => ToFloating(kinds.Aggregate(Max)),
        };
    }

    /// <summary>numexpr's math functions and true division: bool and integers become double, float stays float.</summary>
    private static ValueKind ToFloating(ValueKind kind) => kind is ValueKind.Float ? ValueKind.Float : ValueKind.Double;

    private static ValueKind Max(ValueKind a, ValueKind b) => a > b ? a : b;
}
