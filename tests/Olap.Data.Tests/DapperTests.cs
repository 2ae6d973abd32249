using Dapper;

namespace Olap.Data.Tests;

/// <summary>Dapper, as a .NET developer would use it: typed rows, parameters from objects, list expansion, unbuffered async.</summary>
public sealed class DapperTests : IDisposable
{
    private readonly OlapConnection _connection = new("Data Source=:memory:");

    public DapperTests()
    {
        _connection.Open();
        _connection.Execute("CREATE TABLE orders (id BIGINT, customer VARCHAR, amount DECIMAL(12,2), placed DATE)");
    }

    public void Dispose() => _connection.Dispose();

    public sealed record Order(long Id, string Customer, decimal Amount, DateOnly Placed);

    public sealed class OrderRow
    {
        public long Id { get; set; }

        public string Customer { get; set; } = "";

        public decimal Amount { get; set; }
    }

    [Fact]
    public void Execute_inserts_one_row_per_object_of_a_list()
    {
        var rows = Enumerable.Range(1, 20).Select(i => new { Id = (long)i, Customer = $"c{i % 3}", Amount = i * 1.5m, Placed = new DateOnly(2024, 1, i) });
        Assert.Equal(20, _connection.Execute("INSERT INTO orders VALUES (@Id, @Customer, @Amount, @Placed)", rows));
        Assert.Equal(20L, _connection.ExecuteScalar<long>("SELECT count(*) FROM orders"));
    }

    [Fact]
    public void Query_maps_rows_to_records_and_classes()
    {
        Seed();
        var orders = _connection.Query<Order>("SELECT id, customer, amount, placed FROM orders WHERE amount > @min ORDER BY id", new { min = 25m }).ToList();
        Assert.Equal([17L, 18, 19, 20], orders.Select(o => o.Id));
        Assert.Equal(new Order(17, "c2", 25.5m, new DateOnly(2024, 1, 17)), orders[0]);

        var row = _connection.QuerySingle<OrderRow>("SELECT id, customer, amount FROM orders WHERE id = @id", new { id = 3L });
        Assert.Equal("c0", row.Customer);
        Assert.Equal(4.5m, row.Amount);
    }

    [Fact]
    public void In_lists_expand_from_a_collection()
    {
        Seed();
        var ids = _connection.Query<long>("SELECT id FROM orders WHERE id IN @ids ORDER BY id", new { ids = new[] { 2L, 5, 7, 99 } });
        Assert.Equal([2L, 5, 7], ids);
    }

    [Fact]
    public async Task Query_unbuffered_async_streams_rows()
    {
        Seed();
        var total = 0m;
        await foreach (var order in _connection.QueryUnbufferedAsync<OrderRow>("SELECT id, customer, amount FROM orders"))
        {
            total += order.Amount;
        }

        Assert.Equal(Enumerable.Range(1, 20).Sum(i => i * 1.5m), total);
    }

    [Fact]
    public void Aggregates_map_to_scalars_and_tuples()
    {
        Seed();
        var perCustomer = _connection.Query<(string Customer, long Orders, decimal Total)>(
            "SELECT customer, count(*), sum(amount) FROM orders GROUP BY customer ORDER BY customer").ToList();
        Assert.Equal(3, perCustomer.Count);
        Assert.Equal(("c0", 6L, Enumerable.Range(1, 20).Where(i => i % 3 == 0).Sum(i => i * 1.5m)), perCustomer[0]);
    }

    private void Seed() => _connection.Execute(
        "INSERT INTO orders VALUES (@Id, @Customer, @Amount, @Placed)",
        Enumerable.Range(1, 20).Select(i => new { Id = (long)i, Customer = $"c{i % 3}", Amount = i * 1.5m, Placed = new DateOnly(2024, 1, i) }));
}
