using Olap.Columnar.Predicates;
using Olap.Columnar.Types;
using Olap.Query.Binding;
using Olap.Query.Binding.Expressions;
using Olap.Query.Parsing;
using Olap.Query.Parsing.Ast;
using Olap.Query.Planning;

namespace Olap.Query.Tests.Binding.Expressions;

/// <summary>
/// A minimal binder for tests: resolves column names against a fixed schema and hands everything else to
/// <see cref="ExpressionTyping"/> the way the query binder does (an untyped NULL takes its siblings' type).
/// </summary>
internal sealed class TestExpressionBinder(IReadOnlyList<(string Name, ColumnType Type)> columns)
{
    public BoundExpression Bind(string sql) => Bind(ExpressionParser.ParseExpression(sql));

    public BoundExpression Bind(ParsedExpression expression)
    {
        switch (expression)
        {
            case LiteralExpression literal:
            {
                var bound = LiteralBinder.Bind(literal);
                return new BoundConstant(bound.Value, bound.Type ?? ColumnType.Integer);
            }

            case ColumnReferenceExpression reference:
            {
                var name = reference.Names[^1];
                for (var i = 0; i < columns.Count; i++)
                {
                    if (string.Equals(columns[i].Name, name, StringComparison.OrdinalIgnoreCase))
                    {
                        return new BoundColumn(i, columns[i].Type, columns[i].Name);
                    }
                }

                throw new BindException($"column {name} not found", reference.Position);
            }

            case UnaryExpression unary:
                return unary.Operator switch
                {
                    UnaryOperator.Plus => Bind(unary.Operand),
                    UnaryOperator.Negate => ExpressionTyping.Negate(Bind(unary.Operand), unary.Position),
                    _ => ExpressionTyping.Not(Bind(unary.Operand), unary.Position),
                };
            case BinaryExpression binary:
            {
                var operands = BindAll([binary.Left, binary.Right]);
                var (left, right, position) = (operands[0], operands[1], binary.Position);
                return binary.Operator switch
                {
                    BinaryOperator.Add => ExpressionTyping.Arithmetic(ArithmeticOperator.Add, left, right, position),
                    BinaryOperator.Subtract => ExpressionTyping.Arithmetic(ArithmeticOperator.Subtract, left, right, position),
                    BinaryOperator.Multiply => ExpressionTyping.Arithmetic(ArithmeticOperator.Multiply, left, right, position),
                    BinaryOperator.Divide => ExpressionTyping.Arithmetic(ArithmeticOperator.Divide, left, right, position),
                    BinaryOperator.IntegerDivide => ExpressionTyping.Arithmetic(ArithmeticOperator.IntegerDivide, left, right, position),
                    BinaryOperator.Modulo => ExpressionTyping.Arithmetic(ArithmeticOperator.Modulo, left, right, position),
                    BinaryOperator.Concat => ExpressionTyping.Function("||", [left, right], position),
                    BinaryOperator.Equal => ExpressionTyping.Comparison(ComparisonKind.Equal, left, right, position),
                    BinaryOperator.NotEqual => ExpressionTyping.Comparison(ComparisonKind.NotEqual, left, right, position),
                    BinaryOperator.LessThan => ExpressionTyping.Comparison(ComparisonKind.LessThan, left, right, position),
                    BinaryOperator.LessThanOrEqual => ExpressionTyping.Comparison(ComparisonKind.LessThanOrEqual, left, right, position),
                    BinaryOperator.GreaterThan => ExpressionTyping.Comparison(ComparisonKind.GreaterThan, left, right, position),
                    BinaryOperator.GreaterThanOrEqual => ExpressionTyping.Comparison(ComparisonKind.GreaterThanOrEqual, left, right, position),
                    BinaryOperator.And => ExpressionTyping.And(left, right, position),
                    _ => ExpressionTyping.Or(left, right, position),
                };
            }

            case BetweenExpression between:
            {
                var operands = BindAll([between.Value, between.Low, between.High]);
                return ExpressionTyping.Between(operands[0], operands[1], operands[2], between.Negated, between.Position);
            }

            case InListExpression inList:
            {
                var operands = BindAll([inList.Value, .. inList.Items]);
                return ExpressionTyping.InList(operands[0], operands.Skip(1).ToList(), inList.Negated, inList.Position);
            }

            case IsNullExpression isNull:
                return ExpressionTyping.IsNull(Bind(isNull.Value), isNull.Negated, isNull.Position);
            case LikeExpression like:
            {
                var operands = BindAll([like.Value, like.Pattern]);
                return ExpressionTyping.Like(operands[0], operands[1], like.Negated, like.Position);
            }

            case CaseExpression @case:
            {
                var results = @case.Whens.Select(w => w.Then).ToList();
                results.Add(@case.Else ?? new LiteralExpression(@case.Position, LiteralKind.Null, "NULL"));
                var boundResults = BindAll(results);
                var operand = @case.Operand is null ? null : Bind(@case.Operand);
                var whens = new List<BoundCaseWhen>();
                for (var i = 0; i < @case.Whens.Count; i++)
                {
                    var condition = operand is null
                        ? Bind(@case.Whens[i].When)
                        : ExpressionTyping.Comparison(ComparisonKind.Equal, operand, Bind(@case.Whens[i].When), @case.Whens[i].When.Position);
                    whens.Add(new BoundCaseWhen(condition, boundResults[i]));
                }

                return ExpressionTyping.Case(whens, boundResults[^1], @case.Position);
            }

            case CastExpression cast:
                return ExpressionTyping.BindExplicitCast(Bind(cast.Value), TypeResolver.Resolve(cast.Type), cast.Position);
            case FunctionCallExpression call:
                return ExpressionTyping.Function(call.Name, BindAll(call.Arguments), call.Position);
            default:
                throw new BindException($"{expression.GetType().Name} is not supported here", expression.Position);
        }
    }

    private List<BoundExpression> BindAll(IReadOnlyList<ParsedExpression> expressions)
    {
        var bound = new BoundExpression?[expressions.Count];
        ColumnType? typed = null;
        for (var i = 0; i < expressions.Count; i++)
        {
            if (expressions[i] is not LiteralExpression { Kind: LiteralKind.Null })
            {
                bound[i] = Bind(expressions[i]);
                typed ??= bound[i]!.Type;
            }
        }

        return [.. bound.Select(b => b ?? new BoundConstant(ScalarValue.Null, typed ?? ColumnType.Integer))];
    }
}
