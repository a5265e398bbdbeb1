using System.Collections.Frozen;

namespace OgcTiler.Plugins.Expressions.Syntax;

/// <summary>The functions of the rio-tiler (numexpr) expression grammar.</summary>
internal enum Function
{
    Abs, Sqrt, Exp, Log, Log10, Sin, Cos, Tan, Arcsin, Arccos, Arctan, Arctan2, Minimum, Maximum, Clip, Floor, Ceil,
    Round, Where,
}

internal static class Functions
{
    private static readonly FrozenDictionary<string, (Function Function, int Arity)> ByName =
        new Dictionary<string, (Function, int)>
        {
            ["abs"] = (Function.Abs, 1),
            ["sqrt"] = (Function.Sqrt, 1),
            ["exp"] = (Function.Exp, 1),
            ["log"] = (Function.Log, 1),
            ["log10"] = (Function.Log10, 1),
            ["sin"] = (Function.Sin, 1),
            ["cos"] = (Function.Cos, 1),
            ["tan"] = (Function.Tan, 1),
            ["arcsin"] = (Function.Arcsin, 1),
            ["arccos"] = (Function.Arccos, 1),
            ["arctan"] = (Function.Arctan, 1),
            ["arctan2"] = (Function.Arctan2, 2),
            ["minimum"] = (Function.Minimum, 2),
            ["maximum"] = (Function.Maximum, 2),
            ["clip"] = (Function.Clip, 3),
            ["floor"] = (Function.Floor, 1),
            ["ceil"] = (Function.Ceil, 1),
            ["round"] = (Function.Round, 1),
            ["where"] = (Function.Where, 3),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool TryFind(string name, out Function function, out int arity)
    {
        var found = ByName.TryGetValue(name, out var entry);
        (function, arity) = entry;
        return found;
    }

    public static IEnumerable<string> Names => ByName.Keys;
}
