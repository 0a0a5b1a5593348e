using System.Data.Common;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace AdminPortal.Data.Seeding;

/// <summary>
/// Inserts many rows of one entity with explicit keys through multi-row, prepared INSERT statements,
/// bypassing change tracking (one SaveChanges per row would take hours for a million orders).
/// Table names, column names, value conversions, parameter types and identifier quoting all come
/// from the EF model, so the same code writes to SQLite and SQL Server, and binds every value as
/// EF's own SaveChanges would.
/// </summary>
/// <remarks>
/// One writer serves many transactions: <see cref="BeginAsync"/> starts a run of rows in a
/// transaction and <see cref="EndAsync"/> flushes it, so the prepared statement is built once.
/// </remarks>
internal sealed class BulkWriter<TEntity> : IAsyncDisposable
    where TEntity : class
{
    private readonly DbConnection _connection;
    private readonly Column[] _columns;
    private readonly int _rowsPerCommand;
    private readonly string _table;
    private readonly string _columnList;
    private readonly ISqlGenerationHelper _sql;
    private readonly bool _identityInsert;
    private readonly object[] _pending;
    private int _count;
    private DbTransaction? _transaction;
    private readonly Dictionary<int, Batch> _batches = [];

    /// <summary>A writer for <typeparamref name="TEntity"/>'s table, on <paramref name="connection"/> (the context's by default).</summary>
    public BulkWriter(AppDbContext context, DbConnection? connection = null)
    {
        var entityType = context.Model.FindEntityType(typeof(TEntity))
                         ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
        var tableName = entityType.GetTableName()!;
        var store = StoreObjectIdentifier.Table(tableName, entityType.GetSchema());

        _sql = context.GetService<ISqlGenerationHelper>();
        _connection = connection ?? context.Database.GetDbConnection();
        _table = _sql.DelimitIdentifier(tableName, entityType.GetSchema());
        _columns = entityType.GetProperties().Select(p => new Column(p, p.GetRelationalTypeMapping(), ReaderOf(p))).ToArray();
        _columnList = string.Join(", ", _columns.Select(c => _sql.DelimitIdentifier(c.Property.GetColumnName(store)!)));
        _rowsPerCommand = context.Database.BulkInsertRowsPerCommand(_columns.Length);
        _pending = new object[_rowsPerCommand * _columns.Length];
        _identityInsert = context.Database.IsSqlServer();
    }

    /// <summary>The connection the rows go to.</summary>
    public DbConnection Connection => _connection;

    /// <summary>Starts writing rows in <paramref name="transaction"/>.</summary>
    public async Task BeginAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (_transaction is not null)
        {
            throw new InvalidOperationException("The previous run of rows has not ended.");
        }

        _transaction = transaction;
        if (_identityInsert)
        {
            await ExecuteAsync($"SET IDENTITY_INSERT {_table} ON", cancellationToken);
        }
    }

    public ValueTask AddAsync(TEntity entity, CancellationToken cancellationToken)
    {
        // Straight into the row's slots of the pending values, as the provider stores them.
        var columns = _columns;
        var offset = _count * columns.Length;
        for (var column = 0; column < columns.Length; column++)
        {
            _pending[offset + column] = columns[column].Read(entity);
        }

        return ++_count == _rowsPerCommand ? WriteFullBatchAsync(cancellationToken) : ValueTask.CompletedTask;
    }

    /// <summary>Writes what is buffered and ends the run; call before committing.</summary>
    public async Task EndAsync(CancellationToken cancellationToken)
    {
        if (_transaction is null)
        {
            throw new InvalidOperationException("No run of rows has begun.");
        }

        if (_count > 0)
        {
            await WriteAsync(await BatchOfAsync(_count, cancellationToken), cancellationToken);
        }

        if (_identityInsert)
        {
            await ExecuteAsync($"SET IDENTITY_INSERT {_table} OFF", cancellationToken);
        }

        _transaction = null;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var batch in _batches.Values)
        {
            await batch.Command.DisposeAsync();
        }

        _batches.Clear();
    }

    private async ValueTask WriteFullBatchAsync(CancellationToken cancellationToken) =>
        await WriteAsync(await BatchOfAsync(_rowsPerCommand, cancellationToken), cancellationToken);

    // A prepared statement per row count: the full one, and the few shorter ones that end runs.
    private async ValueTask<Batch> BatchOfAsync(int rows, CancellationToken cancellationToken)
    {
        if (!_batches.TryGetValue(rows, out var batch))
        {
            batch = await PrepareAsync(rows, cancellationToken);
            _batches.Add(rows, batch);
        }

        return batch;
    }

    private async Task WriteAsync(Batch batch, CancellationToken cancellationToken)
    {
        var parameters = batch.Parameters;
        var values = _pending;
        for (var index = 0; index < parameters.Length; index++)
        {
            parameters[index].Value = values[index];
        }

        batch.Command.Transaction = _transaction;
        await batch.Command.ExecuteNonQueryAsync(cancellationToken);
        Array.Clear(values, 0, parameters.Length);
        _count = 0;
    }

    private async Task<Batch> PrepareAsync(int rows, CancellationToken cancellationToken)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        var parameters = new DbParameter[rows * _columns.Length];
        var text = new StringBuilder($"INSERT INTO {_table} ({_columnList}) VALUES ");
        var index = 0;
        for (var row = 0; row < rows; row++)
        {
            text.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < _columns.Length; column++)
            {
                var name = _sql.GenerateParameterName(string.Create(CultureInfo.InvariantCulture, $"p{index}"));
                text.Append(column == 0 ? "" : ", ").Append(name);
                // Typed as EF types the property's parameters (SQL Server needs types to prepare).
                var mapping = _columns[column].Mapping;
                var parameter = mapping.CreateParameter(command, name, null, _columns[column].Property.IsNullable);
                if (mapping.Size is null && parameter.Size > 0 && (mapping.Converter?.ProviderClrType ?? mapping.ClrType) is var type && (type == typeof(string) || type == typeof(byte[])))
                {
                    // Typed without a value, an unbounded column gets a bounded size (SQL Server:
                    // nvarchar(4000)); keep it unbounded so that no value is cut short.
                    parameter.Size = -1;
                }

                command.Parameters.Add(parameter);
                parameters[index++] = parameter;
            }

            text.Append(')');
        }

        command.CommandText = text.ToString();
        await command.PrepareAsync(cancellationToken);
        return new Batch(command, parameters);
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The value as the provider stores it, through the same converter the model uses for EF
    /// writes, with null as <see cref="DBNull"/>: one compiled delegate per column, so a value is
    /// read, converted and boxed once.
    /// </summary>
    private static Func<TEntity, object> ReaderOf(IProperty property)
    {
        var converter = property.GetTypeMapping().Converter;
        var member = property.IsShadowProperty() || property.IsIndexerProperty()
            ? null
            : property.GetMemberInfo(forMaterialization: false, forSet: false);
        if (member is not PropertyInfo and not FieldInfo)
        {
            var getter = property.GetGetter();
            return converter is null
                ? entity => getter.GetClrValue(entity) ?? DBNull.Value
                : entity => getter.GetClrValue(entity) is { } value ? converter.ConvertToProvider(value) ?? DBNull.Value : DBNull.Value;
        }

        var entity = Expression.Parameter(typeof(TEntity), "entity");
        Expression value = Expression.MakeMemberAccess(entity, member);
        Expression? hasValue = null;
        if (Nullable.GetUnderlyingType(value.Type) is not null)
        {
            hasValue = Expression.Property(value, nameof(Nullable<int>.HasValue));
            value = Expression.Property(value, nameof(Nullable<int>.Value));
        }
        else if (!value.Type.IsValueType)
        {
            hasValue = Expression.NotEqual(value, Expression.Constant(null, value.Type));
        }

        if (converter is null && value.Type.IsEnum)
        {
            // As EF does for an enum without a converter: its underlying number.
            value = Expression.Convert(value, Enum.GetUnderlyingType(value.Type));
        }
        else if (converter is not null)
        {
            var convert = converter.ConvertToProviderExpression;
            value = Expression.Invoke(convert, Expression.Convert(value, convert.Parameters[0].Type));
            if (!value.Type.IsValueType)
            {
                // A converter may itself return null.
                value = Expression.Coalesce(value, Expression.Constant(DBNull.Value, typeof(object)));
            }
        }

        Expression body = Expression.Convert(value, typeof(object));
        if (hasValue is not null)
        {
            body = Expression.Condition(hasValue, body, Expression.Constant(DBNull.Value, typeof(object)));
        }

        return Expression.Lambda<Func<TEntity, object>>(body, entity).Compile();
    }

    private sealed record Column(IProperty Property, RelationalTypeMapping Mapping, Func<TEntity, object> Read);

    private sealed record Batch(DbCommand Command, DbParameter[] Parameters);
}
