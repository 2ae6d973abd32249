namespace Olap.Benchmarks.Ssb;

/// <summary>
/// Peak memory, in bytes. Both engines share this process, so <see cref="ProcessPeak"/> is their sum at its worst.
/// <see cref="OlapPeak"/> is the process peak measured while only Olap had been opened (load and one run of each query),
/// with the peak reset after the data generation (Linux <c>/proc/self/clear_refs</c>); it includes the .NET runtime.
/// <see cref="DuckDbOwn"/> is DuckDB's own account (<c>duckdb_memory()</c>) after the timed runs.
/// </summary>
internal sealed record SsbMemory(long OlapPeak, bool OlapPeakIsolated, long ProcessPeak, long DuckDbOwn);
