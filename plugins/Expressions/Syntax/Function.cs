using System.Collections.Frozen;

namespace OgcTiler.Plugins.Expressions.Syntax;

/// <summary>
/// The functions of the rio-tiler (numexpr) expression grammar, plus numpy's minimum, maximum, clip and round. On real
/// data numexpr's complex functions reduce to the value (real, conj) or 0 (imag).
/// </summary>
internal enum Function
{
    Abs, Sqrt, Exp, Expm1, Log, Log1p, Log10, Log2, Sin, Cos, Tan, Arcsin, Arccos, Arctan, Arctan2, Sinh, Cosh, Tanh,
    Arcsinh, Arccosh, Arctanh, Fmod, Minimum, Maximum, Clip, Floor, Ceil, Round, Sign, Where, Real, Imag, Conj,
}

internal static class Functions
{
    private static readonly FrozenDictionary<string, (Function Function, int Arity)> ByName =
        new Dictionary<string, (Function, int)>
        {
            ["abs"] = (Function.Abs, 1),
            ["sqrt"] = (Function.Sqrt, 1),
            ["exp"] = (Function.Exp, 1),
            ["expm1"] = (Function.Expm1, 1),
            ["log"] = (Function.Log, 1),
            ["log1p"] = (Function.Log1p, 1),
            ["log10"] = (Function.Log10, 1),
            ["log2"] = (Function.Log2, 1),
            ["sin"] = (Function.Sin, 1),
            ["cos"] = (Function.Cos, 1),
            ["tan"] = (Function.Tan, 1),
            ["arcsin"] = (Function.Arcsin, 1),
            ["arccos"] = (Function.Arccos, 1),
            ["arctan"] = (Function.Arctan, 1),
            ["arctan2"] = (Function.Arctan2, 2),
            ["sinh"] = (Function.Sinh, 1),
            ["cosh"] = (Function.Cosh, 1),
            ["tanh"] = (Function.Tanh, 1),
            ["arcsinh"] = (Function.Arcsinh, 1),
            ["arccosh"] = (Function.Arccosh, 1),
            ["arctanh"] = (Function.Arctanh, 1),
            ["fmod"] = (Function.Fmod, 2),
            ["minimum"] = (Function.Minimum, 2),
            ["maximum"] = (Function.Maximum, 2),
            ["clip"] = (Function.Clip, 3),
            ["floor"] = (Function.Floor, 1),
            ["ceil"] = (Function.Ceil, 1),
            ["round"] = (Function.Round, 1),
            ["sign"] = (Function.Sign, 1),
            ["where"] = (Function.Where, 3),
            ["real"] = (Function.Real, 1),
            ["imag"] = (Function.Imag, 1),
            ["conj"] = (Function.Conj, 1),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool TryFind(string name, out Function function, out int arity)
    {
        var found = ByName.TryGetValue(name, out var entry);
        (function, arity) = entry;
        return found;
    }

    public static IEnumerable<string> Names => ByName.Keys;
}
