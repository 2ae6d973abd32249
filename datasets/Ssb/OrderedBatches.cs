namespace Olap.Datasets.Ssb;

/// <summary>
/// Makes chunks on every core and hands them on in order: a batch of chunks is produced in parallel into one set of
/// slots while the previous batch, in the other set, is consumed chunk by chunk on one thread. Memory stays at two
/// batches of slots whatever the number of chunks.
/// </summary>
internal static class OrderedBatches
{
    /// <param name="produce">Fills a slot with chunk <c>number</c>; called on worker threads.</param>
    /// <param name="consume">Takes a filled slot; called in chunk order, one at a time.</param>
    /// <param name="batchConsumed">Called after each batch with the number of chunks consumed so far.</param>
    public static void Run<TSlot>(long chunks, int workers, Func<TSlot> newSlot, Action<long, TSlot> produce, Action<TSlot> consume, Action<long>? batchConsumed = null)
    {
        var batch = Math.Max(1, workers * 2);
        TSlot[][] slots = [[.. Enumerable.Range(0, batch).Select(_ => newSlot())], [.. Enumerable.Range(0, batch).Select(_ => newSlot())]];
        var pending = Task.CompletedTask;
        var current = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers) };
        for (var first = 0L; first < chunks; first += batch)
        {
            var count = (int)Math.Min(batch, chunks - first);
            var filled = slots[current];
            var start = first;
            Parallel.For(0, count, options, i => produce(start + i, filled[i]));

            pending.Wait();
            var done = first + count;
            pending = Task.Run(() =>
            {
                for (var i = 0; i < count; i++)
                {
                    consume(filled[i]);
                }

                batchConsumed?.Invoke(done);
            });
            current ^= 1;
        }

        pending.Wait();
    }
}
