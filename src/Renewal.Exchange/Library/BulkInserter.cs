using System.Data.Common;
using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Exchange.Xlsx;

namespace Renewal.Exchange.Library;

/// <summary>
/// Inserts new rows with one reused, parameterised <c>INSERT … VALUES</c> command on the context's connection and
/// transaction, bypassing the change tracker (tens of microseconds per row) for the many rows an import adds. Table,
/// columns, value converters and parameter types all come from the EF model, so rows land exactly as
/// <c>SaveChanges</c> would write them; store-generated keys are left to the database.
/// </summary>
/// <remarks>
/// SQLite runs one prepared single-row statement per row (cheapest there: no parsing, no name lookups over thousands
/// of parameters); PostgreSQL gets multi-row statements, which save round trips.
/// </remarks>
internal sealed class BulkInserter<T> : IDisposable where T : class
{
    private const int MaxParameters = 30_000;
    private const int MaxRowsPerStatement = 500;

    private readonly LibraryDbContext _db;
    private readonly (PropertyInfo Clr, RelationalTypeMapping Mapping, bool Nullable)[] _columns;
    private readonly string _insert;
    private readonly ISqlGenerationHelper _sql;
    private readonly int _rowsPerStatement;
    private readonly List<T> _pending = [];
    private DbCommand? _full;

    public BulkInserter(LibraryDbContext db)
    {
        _db = db;
        _sql = db.GetService<ISqlGenerationHelper>();
        var type = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped");
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var properties = type.GetProperties()
            .Where(p => !p.IsShadowProperty() && p.PropertyInfo is not null && !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd))
            .ToArray();
        _columns = [.. properties.Select(p => (p.PropertyInfo!, (RelationalTypeMapping)p.GetTypeMapping(), p.IsNullable))];
        var columnList = string.Join(", ", properties.Select(p => _sql.DelimitIdentifier(p.GetColumnName(table)!)));
        _insert = $"INSERT INTO {_sql.DelimitIdentifier(table.Name, table.Schema)} ({columnList}) VALUES ";
        _rowsPerStatement = db.Database.IsSqlite() ? 1 : Math.Clamp(MaxParameters / Math.Max(1, _columns.Length), 1, MaxRowsPerStatement);
    }

    /// <summary>Rows added so far.</summary>
    public int Count { get; private set; }

    public void Add(T row)
    {
        _pending.Add(row);
        Count++;
        if (_pending.Count >= _rowsPerStatement) Execute(full: true);
    }

    /// <summary>Inserts the rows still pending.</summary>
    public void Flush()
    {
        if (_pending.Count > 0) Execute(full: _pending.Count == _rowsPerStatement);
    }

    private void Execute(bool full)
    {
        if (full)
        {
            _full ??= Command(_rowsPerStatement);
            Bind(_full);
            _full.ExecuteNonQuery();
        }
        else
        {
            using var partial = Command(_pending.Count);
            Bind(partial);
            partial.ExecuteNonQuery();
        }
        _pending.Clear();
    }

    private DbCommand Command(int rows)
    {
        var command = _db.Database.GetDbConnection().CreateCommand();
        command.Transaction = _db.Database.CurrentTransaction?.GetDbTransaction();
        var text = new StringBuilder(_insert);
        var n = 0;
        for (var r = 0; r < rows; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < _columns.Length; c++)
            {
                var name = "p" + (n++).ToString(CultureInfo.InvariantCulture);
                if (c > 0) text.Append(", ");
                text.Append(_sql.GenerateParameterNamePlaceholder(name));
                command.Parameters.Add(_columns[c].Mapping.CreateParameter(command, _sql.GenerateParameterName(name), null, _columns[c].Nullable));
            }
            text.Append(')');
        }
        command.CommandText = text.ToString();
        return command;
    }

    private void Bind(DbCommand command)
    {
        var n = 0;
        foreach (var row in _pending)
        {
            foreach (var (clr, mapping, _) in _columns)
            {
                var value = clr.GetValue(row);
                if (value is not null && mapping.Converter is { } converter) value = converter.ConvertToProvider(value);
                command.Parameters[n++].Value = value ?? DBNull.Value;
            }
        }
    }

    public void Dispose() => _full?.Dispose();
}
