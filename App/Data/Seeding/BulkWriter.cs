using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace AdminPortal.Data.Seeding;

/// <summary>
/// Inserts many rows of one entity with explicit keys through multi-row, prepared INSERT statements,
/// bypassing change tracking (one SaveChanges per row would take hours for a million orders).
/// Table names, column names, value conversions and identifier quoting all come from the EF model,
/// so the same code writes to SQLite and SQL Server.
/// </summary>
internal sealed class BulkWriter<TEntity> : IAsyncDisposable
    where TEntity : class
{
    // SQL Server allows 2,100 parameters per command; staying under that suits both providers.
    private const int MaxParametersPerCommand = 2000;
    private const int MaxRowsPerCommand = 500;

    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly (IProperty Property, Func<TEntity, object?> Read)[] _columns;
    private readonly int _rowsPerCommand;
    private readonly string _table;
    private readonly string _columnList;
    private readonly ISqlGenerationHelper _sql;
    private readonly bool _identityInsert;
    private readonly List<TEntity> _pending = [];
    private DbCommand? _fullBatch;

    public BulkWriter(AppDbContext context, DbTransaction transaction)
    {
        var entityType = context.Model.FindEntityType(typeof(TEntity))
                         ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
        var tableName = entityType.GetTableName()!;
        var store = StoreObjectIdentifier.Table(tableName, entityType.GetSchema());

        _sql = context.GetService<ISqlGenerationHelper>();
        _connection = context.Database.GetDbConnection();
        _transaction = transaction;
        _table = _sql.DelimitIdentifier(tableName, entityType.GetSchema());
        _columns = entityType.GetProperties()
            .Select(p => (p, ReaderOf(p)))
            .ToArray();
        _columnList = string.Join(", ", _columns.Select(c => _sql.DelimitIdentifier(c.Property.GetColumnName(store)!)));
        _rowsPerCommand = Math.Min(MaxRowsPerCommand, MaxParametersPerCommand / _columns.Length);
        _identityInsert = context.Database.IsSqlServer();
    }

    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        if (_identityInsert)
        {
            await ExecuteAsync($"SET IDENTITY_INSERT {_table} ON", cancellationToken);
        }
    }

    public async Task AddAsync(TEntity entity, CancellationToken cancellationToken)
    {
        _pending.Add(entity);
        if (_pending.Count == _rowsPerCommand)
        {
            _fullBatch ??= await PrepareAsync(_rowsPerCommand, cancellationToken);
            await WriteAsync(_fullBatch, cancellationToken);
        }
    }

    /// <summary>Writes what is buffered; call before committing.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count > 0)
        {
            await using var command = await PrepareAsync(_pending.Count, cancellationToken);
            await WriteAsync(command, cancellationToken);
        }

        if (_identityInsert)
        {
            await ExecuteAsync($"SET IDENTITY_INSERT {_table} OFF", cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_fullBatch is not null)
        {
            await _fullBatch.DisposeAsync();
        }
    }

    private async Task WriteAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var parameters = command.Parameters;
        var index = 0;
        foreach (var entity in _pending)
        {
            foreach (var (_, read) in _columns)
            {
                parameters[index++].Value = read(entity) ?? DBNull.Value;
            }
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
        _pending.Clear();
    }

    private async Task<DbCommand> PrepareAsync(int rows, CancellationToken cancellationToken)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        var text = new StringBuilder($"INSERT INTO {_table} ({_columnList}) VALUES ");
        var index = 0;
        for (var row = 0; row < rows; row++)
        {
            text.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < _columns.Length; column++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"p{index++}");
                text.Append(column == 0 ? "" : ", ").Append(_sql.GenerateParameterName(name));
                var parameter = command.CreateParameter();
                parameter.ParameterName = _sql.GenerateParameterName(name);
                command.Parameters.Add(parameter);
            }

            text.Append(')');
        }

        command.CommandText = text.ToString();
        await command.PrepareAsync(cancellationToken);
        return command;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // The value as the provider stores it: through the same converters the model uses for EF writes.
    private static Func<TEntity, object?> ReaderOf(IProperty property)
    {
        var getter = property.GetGetter();
        var converter = property.GetTypeMapping().Converter;
        if (converter is null)
        {
            return getter.GetClrValue;
        }

        return entity => getter.GetClrValue(entity) is { } value ? converter.ConvertToProvider(value) : null;
    }
}
