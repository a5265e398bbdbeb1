using OgcTiler.Abstractions.Errors;

namespace OgcTiler.Plugins.Expressions.Syntax;

/// <summary>Builds the typed error for a bad expression; every message starts with "expression: ".</summary>
internal static class ExpressionError
{
    public const string Parameter = "expression";

    public static InvalidParameterException At(string problem, int column) =>
        new(Parameter, $"expression: {problem} at column {column}");

    public static InvalidParameterException Unexpected(Token token, string expected) =>
        new(Parameter, $"expression: unexpected {token.Describe()} at column {token.Column}, expected {expected}");

    public static InvalidParameterException General(string problem) => new(Parameter, $"expression: {problem}");
}
