namespace Olap.Query;

/// <summary>Marks the query layer's assembly; SQL parsing, planning and execution arrive with the SQL engine issue.</summary>
public static class QueryLayer
{
    public const string Name = "Olap.Query";
}
