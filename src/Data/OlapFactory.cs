using System.Data.Common;

namespace Olap.Data;

/// <summary>The provider factory, for code that is written against <see cref="DbProviderFactory"/> (register it with <c>DbProviderFactories.RegisterFactory("Olap.Data", OlapFactory.Instance)</c>).</summary>
public sealed class OlapFactory : DbProviderFactory
{
    public static readonly OlapFactory Instance = new();

    private OlapFactory()
    {
    }

    public override bool CanCreateDataSourceEnumerator => false;

    public override DbConnection CreateConnection() => new OlapConnection();

    public override DbCommand CreateCommand() => new OlapCommand();

    public override DbParameter CreateParameter() => new OlapParameter();

    public override DbConnectionStringBuilder CreateConnectionStringBuilder() => new OlapConnectionStringBuilder();

    public override DbDataSource CreateDataSource(string connectionString) => new OlapDataSource(connectionString);
}
