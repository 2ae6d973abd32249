namespace Olap.Data.Tests;

/// <summary>
/// Tests that time cancellation or stream a hundred million rows run on their own, not beside the other classes: on
/// two cores a neighbour's work could delay a cancellation past the bound being tested.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitive
{
    public const string Name = "timing-sensitive";
}
