using Apache.Arrow;
using Apache.Arrow.Ipc;
using Olap.Query.Arrow;

namespace Olap.Data;

/// <summary>
/// A command's rows as Arrow record batches (<see cref="OlapCommand.ExecuteArrow"/>): one batch per chunk the engine
/// streams. The batches reference the engine's result buffers (every chunk has memory of its own for this): no
/// copy except for BOOLEAN (bytes here, bits in Arrow) and DECIMAL of up to 18 digits (widened to 128 bits). Dispose
/// it to free the connection.
/// </summary>
public sealed class OlapArrowStream : IArrowArrayStream
{
    private readonly OlapDataReader _reader;

    internal OlapArrowStream(OlapDataReader reader)
    {
        _reader = reader;
        Schema = ArrowConversion.SchemaOf([.. Enumerable.Range(0, reader.FieldCount).Select(i => new Olap.Query.ResultColumn(reader.GetName(i), reader.ColumnType(i)))]);
    }

    public Schema Schema { get; }

    /// <summary>The next batch, or null at the end.</summary>
    public RecordBatch? ReadNextRecordBatch() =>
        _reader.ReadChunk(out var columns, out var rows) ? ArrowConversion.ToRecordBatch(Schema, columns, rows, shareBuffers: true) : null;

    public ValueTask<RecordBatch> ReadNextRecordBatchAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(ReadNextRecordBatch()!);
    }

    /// <summary>Every batch, as an async sequence (for <c>await foreach</c>).</summary>
    public async IAsyncEnumerable<RecordBatch> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await ReadNextRecordBatchAsync(cancellationToken).ConfigureAwait(false) is { } batch)
        {
            yield return batch;
        }
    }

    public void Dispose() => _reader.Dispose();
}
