using Olap.Columnar.Vectors;

namespace Olap.Query.Execution;

/// <summary>
/// One worker's stream of chunks from an operator. The chunk returned belongs to the stream and stays valid until
/// the next call; null marks the end.
/// </summary>
public interface IChunkStream
{
    DataChunk? Next();
}
