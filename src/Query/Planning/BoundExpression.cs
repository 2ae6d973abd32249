using Olap.Columnar.Predicates;
using Olap.Columnar.Types;

namespace Olap.Query.Planning;

/// <summary>
/// A type-checked scalar expression over the columns of an operator's input. Column references are positions in
/// that input (<see cref="BoundColumn.Index"/>); the binder has inserted every cast the operands need, so operands of
/// comparisons, arithmetic, IN lists and CASE branches already share one type.
/// </summary>
public abstract record BoundExpression(ColumnType Type)
{
    /// <summary>True when the value does not depend on any column (constant folding may evaluate it once).</summary>
    public abstract bool IsConstant { get; }

    /// <summary>The direct operands, for visitors that walk the tree.</summary>
    public abstract IReadOnlyList<BoundExpression> Children { get; }
}

/// <summary>Column <see cref="Index"/> of the input chunk.</summary>
public sealed record BoundColumn(int Index, ColumnType Type, string Name) : BoundExpression(Type)
{
    public override bool IsConstant => false;

    public override IReadOnlyList<BoundExpression> Children => [];
}

/// <summary>A constant; <see cref="ScalarValue.Null"/> is NULL of <see cref="BoundExpression.Type"/>.</summary>
public sealed record BoundConstant(ScalarValue Value, ColumnType Type) : BoundExpression(Type)
{
    public override bool IsConstant => true;

    public override IReadOnlyList<BoundExpression> Children => [];
}

/// <summary>CAST(operand AS type); fails on values the target cannot hold, as DuckDB does.</summary>
public sealed record BoundCast(BoundExpression Operand, ColumnType Type) : BoundExpression(Type)
{
    public override bool IsConstant => Operand.IsConstant;

    public override IReadOnlyList<BoundExpression> Children => [Operand];
}

/// <summary>A comparison of two operands of the same type; NULL when either is NULL.</summary>
public sealed record BoundComparison(ComparisonKind Kind, BoundExpression Left, BoundExpression Right) : BoundExpression(ColumnType.Boolean)
{
    public override bool IsConstant => Left.IsConstant && Right.IsConstant;

    public override IReadOnlyList<BoundExpression> Children => [Left, Right];
}

/// <summary>AND or OR of two or more BOOLEAN operands, with three-valued logic.</summary>
public sealed record BoundConjunction(bool IsAnd, IReadOnlyList<BoundExpression> Operands) : BoundExpression(ColumnType.Boolean)
{
    public override bool IsConstant => Operands.All(o => o.IsConstant);

    public override IReadOnlyList<BoundExpression> Children => Operands;
}

/// <summary>NOT of a BOOLEAN operand (NOT NULL is NULL).</summary>
public sealed record BoundNot(BoundExpression Operand) : BoundExpression(ColumnType.Boolean)
{
    public override bool IsConstant => Operand.IsConstant;

    public override IReadOnlyList<BoundExpression> Children => [Operand];
}

/// <summary>operand IS [NOT] NULL; never NULL itself.</summary>
public sealed record BoundIsNull(BoundExpression Operand, bool Negated) : BoundExpression(ColumnType.Boolean)
{
    public override bool IsConstant => Operand.IsConstant;

    public override IReadOnlyList<BoundExpression> Children => [Operand];
}

/// <summary>The arithmetic operators of the dialect.</summary>
public enum ArithmeticOperator
{
    Add,
    Subtract,
    Multiply,

    /// <summary><c>/</c>: DOUBLE division, as in DuckDB.</summary>
    Divide,

    /// <summary><c>//</c>: integer division truncating toward zero; NULL on division by zero.</summary>
    IntegerDivide,

    /// <summary><c>%</c>: remainder with the sign of the dividend; NULL on division by zero.</summary>
    Modulo,
}

/// <summary>Arithmetic on two operands already cast to the operator's computation type; the result is <see cref="BoundExpression.Type"/>.</summary>
public sealed record BoundArithmetic(ArithmeticOperator Operator, BoundExpression Left, BoundExpression Right, ColumnType Type) : BoundExpression(Type)
{
    public override bool IsConstant => Left.IsConstant && Right.IsConstant;

    public override IReadOnlyList<BoundExpression> Children => [Left, Right];
}

/// <summary>Unary minus.</summary>
public sealed record BoundNegate(BoundExpression Operand) : BoundExpression(Operand.Type)
{
    public override bool IsConstant => Operand.IsConstant;

    public override IReadOnlyList<BoundExpression> Children => [Operand];
}

/// <summary>
/// operand [NOT] IN (constants), the constants of the operand's type and free of NULLs; <see cref="ListHasNull"/>
/// records a NULL among the list's items, which makes a miss NULL rather than FALSE (three-valued logic).
/// </summary>
public sealed record BoundInList(BoundExpression Operand, IReadOnlyList<ScalarValue> Values, bool Negated, bool ListHasNull) : BoundExpression(ColumnType.Boolean)
{
    public override bool IsConstant => Operand.IsConstant;

    public override IReadOnlyList<BoundExpression> Children => [Operand];
}

/// <summary>operand [NOT] LIKE pattern, both VARCHAR.</summary>
public sealed record BoundLike(BoundExpression Operand, BoundExpression Pattern, bool Negated) : BoundExpression(ColumnType.Boolean)
{
    public override bool IsConstant => Operand.IsConstant && Pattern.IsConstant;

    public override IReadOnlyList<BoundExpression> Children => [Operand, Pattern];
}

/// <summary>One WHEN condition (BOOLEAN) and its result.</summary>
public sealed record BoundCaseWhen(BoundExpression When, BoundExpression Then);

/// <summary>Searched CASE (a simple CASE is bound as comparisons); every THEN and the ELSE have <see cref="BoundExpression.Type"/>.</summary>
public sealed record BoundCase(IReadOnlyList<BoundCaseWhen> Whens, BoundExpression Else, ColumnType Type) : BoundExpression(Type)
{
    public override bool IsConstant => Else.IsConstant && Whens.All(w => w.When.IsConstant && w.Then.IsConstant);

    public override IReadOnlyList<BoundExpression> Children => [.. Whens.SelectMany(w => new[] { w.When, w.Then }), Else];
}

/// <summary>A scalar function call; <see cref="Function"/> knows how to evaluate it over vectors.</summary>
public sealed record BoundFunction(ScalarFunction Function, IReadOnlyList<BoundExpression> Arguments, ColumnType Type) : BoundExpression(Type)
{
    public override bool IsConstant => Arguments.All(a => a.IsConstant);

    public override IReadOnlyList<BoundExpression> Children => Arguments;
}
