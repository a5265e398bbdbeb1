using System.Linq.Expressions;
using System.Runtime.Intrinsics;
using OgcTiler.Plugins.Expressions.Syntax;
using V = System.Runtime.Intrinsics.Vector256<float>;

namespace OgcTiler.Plugins.Expressions.Compilation;

/// <summary>
/// Compiles parsed outputs into one loop over <see cref="Vector256{T}"/>: each iteration loads every input band once,
/// evaluates every output, stores it and masks non-finite lanes. A whole loop avoids a delegate call per vector.
/// </summary>
internal sealed class KernelCompiler
{
    private static readonly ParameterExpression Inputs = Expression.Parameter(typeof(nint[]), "inputs");
    private static readonly ParameterExpression Outputs = Expression.Parameter(typeof(nint[]), "outputs");
    private static readonly ParameterExpression Mask = Expression.Parameter(typeof(nint), "mask");
    private static readonly ParameterExpression Length = Expression.Parameter(typeof(int), "length");

    private readonly ParameterExpression _index = Expression.Variable(typeof(int), "i");
    private readonly Dictionary<string, ParameterExpression> _bandValues = [];
    private readonly Dictionary<float, ParameterExpression> _constants = [];

    private readonly ValueKind _input;

    private KernelCompiler(ValueKind input) => _input = input;

    /// <param name="input">The kind of every input band, for numexpr's integer semantics.</param>
    public static Kernel Compile(IReadOnlyList<OutputExpression> outputs, IReadOnlyList<string> inputs, ValueKind input) =>
        new KernelCompiler(input).Build(outputs, inputs).Compile();

    private Expression<Kernel> Build(IReadOnlyList<OutputExpression> outputs, IReadOnlyList<string> inputs)
    {
        var prologue = new List<Expression>();
        var body = new List<Expression>();
        var locals = new List<ParameterExpression> { _index };
        for (var k = 0; k < inputs.Count; k++)
        {
            var pointer = Expression.Variable(typeof(nint), $"in{k}");
            var value = Expression.Variable(typeof(V), inputs[k]);
            locals.AddRange([pointer, value]);
            _bandValues[inputs[k]] = value;
            prologue.Add(Expression.Assign(pointer, Expression.ArrayIndex(Inputs, Expression.Constant(k))));
            body.Add(Expression.Assign(value, Call(VectorOps.Load, pointer, _index)));
        }
        for (var j = 0; j < outputs.Count; j++)
        {
            var pointer = Expression.Variable(typeof(nint), $"out{j}");
            var result = Expression.Variable(typeof(V), $"r{j}");
            locals.AddRange([pointer, result]);
            prologue.Add(Expression.Assign(pointer, Expression.ArrayIndex(Outputs, Expression.Constant(j))));
            body.Add(Expression.Assign(result, Emit(outputs[j].Root)));
            body.Add(Call(VectorOps.Store, pointer, _index, result));
            body.Add(Call(VectorOps.MaskNonFinite, Mask, _index, result));
        }
        body.Add(Expression.AddAssign(_index, Expression.Constant(V.Count)));
        foreach (var (value, local) in _constants)
        {
            locals.Add(local);
            prologue.Add(Expression.Assign(local, Expression.Constant(Vector256.Create(value))));
        }
        var exit = Expression.Label("exit");
        var loop = Expression.Loop(
            Expression.IfThenElse(Expression.LessThan(_index, Length), Expression.Block(body), Expression.Break(exit)),
            exit);
        return Expression.Lambda<Kernel>(Expression.Block(locals, [.. prologue, loop]), Inputs, Outputs, Mask, Length);
    }

    private Expression Emit(Node node) => node switch
    {
        NumberNode number => Constant((float)number.Value),
        BandNode band => _bandValues[band.Name],
        UnaryNode { Operator: TokenKind.Minus } unary => Expression.Negate(Emit(unary.Operand)),
        UnaryNode unary => Call(IsInteger(unary.Operand) ? VectorOps.BitwiseNot : VectorOps.Not, Emit(unary.Operand)),
        BinaryNode binary => EmitBinary(binary),
        CallNode call => EmitCall(call),
        _ => throw new InvalidOperationException($"unhandled node {node.GetType().Name}"),
    };

    private Expression EmitBinary(BinaryNode node)
    {
        if (node is { Operator: TokenKind.Power, Right: NumberNode { Value: var exponent } })
        {
            if (exponent == 1)
                return Emit(node.Left);
            if (exponent == 2)
                return Call(VectorOps.Square, Emit(node.Left));
        }
        var left = Emit(node.Left);
        var right = Emit(node.Right);
        var integer = IsInteger(node.Left) && IsInteger(node.Right);
        return node.Operator switch
        {
            TokenKind.Plus => Expression.Add(left, right),
            TokenKind.Minus => Expression.Subtract(left, right),
            TokenKind.Star => Expression.Multiply(left, right),
            TokenKind.Slash => Expression.Divide(left, right),
            TokenKind.Percent => Call(integer ? VectorOps.IntegerRemainder : VectorOps.Modulo, left, right),
            TokenKind.FloorSlash => Call(integer ? VectorOps.IntegerFloorDivide : VectorOps.FloorDivide, left, right),
            TokenKind.Power => Call(VectorOps.Power, left, right),
            TokenKind.Less => Call(VectorOps.Less, left, right),
            TokenKind.LessEqual => Call(VectorOps.LessEqual, left, right),
            TokenKind.Greater => Call(VectorOps.Greater, left, right),
            TokenKind.GreaterEqual => Call(VectorOps.GreaterEqual, left, right),
            TokenKind.Equal => Call(VectorOps.Equal, left, right),
            TokenKind.NotEqual => Call(VectorOps.NotEqual, left, right),
            TokenKind.And => Call(VectorOps.And, left, right),
            TokenKind.Or => Call(VectorOps.Or, left, right),
            _ => throw new InvalidOperationException($"unhandled operator {node.Operator}"),
        };
    }

    private Expression EmitCall(CallNode node)
    {
        var args = node.Arguments.Select(Emit).ToArray();
        return node.Function switch
        {
            Function.Abs => Call(VectorFunctions.Abs, args),
            Function.Sqrt => Call(VectorFunctions.Sqrt, args),
            Function.Exp => Call(VectorFunctions.Exp, args),
            Function.Expm1 => Call(VectorOps.Expm1, args),
            Function.Log => Call(VectorFunctions.Log, args),
            Function.Log1p => Call(VectorOps.Log1p, args),
            Function.Log10 => Call(VectorOps.Log10, args),
            Function.Log2 => Call(VectorFunctions.Log2, args),
            Function.Sin => Call(VectorFunctions.Sin, args),
            Function.Cos => Call(VectorFunctions.Cos, args),
            Function.Tan => Call(VectorOps.Tan, args),
            Function.Arcsin => Call(VectorOps.Arcsin, args),
            Function.Arccos => Call(VectorOps.Arccos, args),
            Function.Arctan => Call(VectorOps.Arctan, args),
            Function.Arctan2 => Call(VectorOps.Arctan2, args),
            Function.Sinh => Call(VectorOps.Sinh, args),
            Function.Cosh => Call(VectorOps.Cosh, args),
            Function.Tanh => Call(VectorOps.Tanh, args),
            Function.Arcsinh => Call(VectorOps.Arcsinh, args),
            Function.Arccosh => Call(VectorOps.Arccosh, args),
            Function.Arctanh => Call(VectorOps.Arctanh, args),
            Function.Fmod => Call(VectorOps.Fmod, args),
            Function.Minimum => Call(VectorFunctions.Minimum, args),
            Function.Maximum => Call(VectorFunctions.Maximum, args),
            Function.Clip => Call(VectorOps.Clip, args),
            Function.Floor => Call(VectorFunctions.Floor, args),
            Function.Ceil => Call(VectorFunctions.Ceil, args),
            Function.Round => Call(VectorFunctions.Round, args),
            Function.Sign => Call(VectorOps.Sign, args),
            Function.Where => Call(VectorOps.Where, args),
            Function.Real or Function.Conj => args[0],
            Function.Imag => Constant(0f),
            _ => throw new InvalidOperationException($"unhandled function {node.Function}"),
        };
    }

    private bool IsInteger(Node node) => ValueKinds.IsInteger(ValueKinds.Of(node, _input));

    private ParameterExpression Constant(float value)
    {
        if (!_constants.TryGetValue(value, out var local))
            _constants[value] = local = Expression.Variable(typeof(V), $"c{_constants.Count}");
        return local;
    }

    private static MethodCallExpression Call(Func<V, V> method, params Expression[] args) =>
        Expression.Call(method.Method, args);

    private static MethodCallExpression Call(Func<V, V, V> method, params Expression[] args) =>
        Expression.Call(method.Method, args);

    private static MethodCallExpression Call(Func<V, V, V, V> method, params Expression[] args) =>
        Expression.Call(method.Method, args);

    private static MethodCallExpression Call(Func<nint, int, V> method, params Expression[] args) =>
        Expression.Call(method.Method, args);

    private static MethodCallExpression Call(Action<nint, int, V> method, params Expression[] args) =>
        Expression.Call(method.Method, args);
}
