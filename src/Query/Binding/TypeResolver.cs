using Olap.Columnar.Types;
using Olap.Query.Parsing.Ast;

namespace Olap.Query.Binding;

/// <summary>Turns a type as written (<c>INT</c>, <c>NUMERIC(12,2)</c>, <c>TEXT</c>) into a column type, with DuckDB's aliases.</summary>
public static class TypeResolver
{
    /// <summary>DuckDB's DECIMAL without parameters.</summary>
    public const int DefaultDecimalPrecision = 18;

    /// <inheritdoc cref="DefaultDecimalPrecision"/>
    public const int DefaultDecimalScale = 3;

    private static readonly Dictionary<string, LogicalTypeId> s_names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["BOOLEAN"] = LogicalTypeId.Boolean,
        ["BOOL"] = LogicalTypeId.Boolean,
        ["LOGICAL"] = LogicalTypeId.Boolean,
        ["SMALLINT"] = LogicalTypeId.SmallInt,
        ["INT2"] = LogicalTypeId.SmallInt,
        ["SHORT"] = LogicalTypeId.SmallInt,
        ["INTEGER"] = LogicalTypeId.Integer,
        ["INT"] = LogicalTypeId.Integer,
        ["INT4"] = LogicalTypeId.Integer,
        ["SIGNED"] = LogicalTypeId.Integer,
        ["BIGINT"] = LogicalTypeId.BigInt,
        ["INT8"] = LogicalTypeId.BigInt,
        ["LONG"] = LogicalTypeId.BigInt,
        ["DOUBLE"] = LogicalTypeId.Double,
        ["FLOAT8"] = LogicalTypeId.Double,
        ["DECIMAL"] = LogicalTypeId.Decimal,
        ["NUMERIC"] = LogicalTypeId.Decimal,
        ["VARCHAR"] = LogicalTypeId.Varchar,
        ["TEXT"] = LogicalTypeId.Varchar,
        ["STRING"] = LogicalTypeId.Varchar,
        ["CHAR"] = LogicalTypeId.Varchar,
        ["BPCHAR"] = LogicalTypeId.Varchar,
        ["DATE"] = LogicalTypeId.Date,
        ["TIMESTAMP"] = LogicalTypeId.Timestamp,
        ["DATETIME"] = LogicalTypeId.Timestamp,
    };

    public static ColumnType Resolve(TypeName name)
    {
        if (!s_names.TryGetValue(name.Name, out var id))
        {
            throw new BindException(NameSuggestions.WithSuggestion($"type {name.Name} does not exist", name.Name, s_names.Keys), name.Position);
        }

        var parameters = name.Parameters;
        switch (id)
        {
            case LogicalTypeId.Decimal:
            {
                if (parameters.Count > 2)
                {
                    throw new BindException($"{name.Name} takes a precision and a scale, not {parameters.Count} parameters", name.Position);
                }

                var precision = parameters.Count > 0 ? parameters[0] : DefaultDecimalPrecision;
                var scale = parameters.Count > 1 ? parameters[1] : parameters.Count == 1 ? 0 : DefaultDecimalScale;
                if (precision < 1 || precision > ColumnType.MaxDecimalPrecision)
                {
                    throw new BindException($"DECIMAL precision {precision} is outside 1..{ColumnType.MaxDecimalPrecision} (values are scaled 64-bit integers)", name.Position);
                }

                if (scale > precision)
                {
                    throw new BindException($"DECIMAL scale {scale} is larger than its precision {precision}", name.Position);
                }

                return ColumnType.Decimal(precision, scale);
            }

            case LogicalTypeId.Varchar:
                // VARCHAR(n) is accepted and, as in DuckDB, not enforced.
                if (parameters.Count > 1)
                {
                    throw new BindException($"{name.Name} takes at most one parameter (a length)", name.Position);
                }

                return ColumnType.Varchar;

            default:
                if (parameters.Count > 0)
                {
                    throw new BindException($"{name.Name} takes no parameters", name.Position);
                }

                ColumnType.TryCreate(id, 0, 0, out var type);
                return type;
        }
    }
}
