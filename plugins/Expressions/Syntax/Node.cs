namespace OgcTiler.Plugins.Expressions.Syntax;

/// <summary>A node of a parsed expression; <see cref="Column"/> is 1-based in the whole expression text.</summary>
internal abstract record Node(int Column);

/// <summary>A literal; <see cref="IsInteger"/> when written without '.' or exponent (numexpr types it int, else double).</summary>
internal sealed record NumberNode(double Value, bool IsInteger, int Column) : Node(Column);

/// <summary>A band read from the input ("b1", "B08", "B08_b1"); matched ignoring case when the data has no band of that exact name.</summary>
internal sealed record BandNode(string Name, int Column) : Node(Column);

internal sealed record UnaryNode(TokenKind Operator, Node Operand, int Column) : Node(Column);

internal sealed record BinaryNode(TokenKind Operator, Node Left, Node Right, int Column) : Node(Column);

internal sealed record CallNode(Function Function, IReadOnlyList<Node> Arguments, int Column) : Node(Column);

/// <summary>One ';'-separated output: its tree and its trimmed source text (the output band's name).</summary>
internal sealed record OutputExpression(Node Root, string Text);
