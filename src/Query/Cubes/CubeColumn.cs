namespace Olap.Query.Cubes;

/// <summary>What a stored column of a cube holds.</summary>
internal enum CubeColumnRole
{
    /// <summary>A grouped column of the cube's tables (NULL in the rows of grouping sets without it).</summary>
    Dimension,

    /// <summary>Which grouping set a row belongs to: the GROUPING() mask of the dimensions it rolls up.</summary>
    GroupingSet,
    CountStar,
    Count,
    Sum,
    Min,
    Max,

    /// <summary>AVG as the user sees it, kept as the quotient of two hidden columns (its sum and count).</summary>
    Average,
}

/// <summary>
/// One stored column of a cube. A dimension names its canonical column (<see cref="StarBlock"/>); a measure the
/// canonical text of its argument; an average the positions of its hidden sum and count.
/// </summary>
internal sealed record CubeColumn(string Name, CubeColumnRole Role, int Dimension = -1, string? Argument = null, int AverageSum = -1, int AverageCount = -1);
