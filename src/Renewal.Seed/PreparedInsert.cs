using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024.Candidates;

namespace Renewal.Seed;

/// <summary>
/// Inserts rows of one entity type with prepared multi-row INSERT commands reused for the whole load, taking table,
/// columns, value converters and type mappings from the EF Core model — so it writes what <c>SaveChanges</c> would
/// write. A bulk load through SaveChanges spends its time in EF's per-entity pipeline (and, on SQLite, in one command
/// prepared per row); this does not. Rows must carry their keys; the caller owns the transaction.
/// </summary>
internal sealed class PreparedInsert<T> : IDisposable where T : class
{
    /// <summary>
    /// Parameters per command. SQLite binds parameters by name, in time growing with their number, and has no round
    /// trips to save: one row per command is fastest there. PostgreSQL gains from fewer round trips.
    /// </summary>
    private static int MaxParameters(LibraryDbContext db) =>
        db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true ? 2_000 : 1;

    private readonly LibraryDbContext _db;
    private readonly string _table;
    private readonly string _columns;
    private readonly RelationalTypeMapping[] _mappings;
    private readonly IClrPropertyGetter[] _getters;
    private readonly ValueConverter?[] _converters;
    private readonly int _rowsPerCommand;
    private Batch? _one, _many;

    public PreparedInsert(LibraryDbContext db)
    {
        _db = db;
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var properties = entityType.GetProperties().Where(p => p.GetColumnName(table) is not null).ToArray();
        var sql = db.GetService<ISqlGenerationHelper>();
        _table = sql.DelimitIdentifier(table.Name, table.Schema);
        _columns = string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)));
        _mappings = [.. properties.Select(p => p.GetRelationalTypeMapping())];
        _getters = [.. properties.Select(p => p.GetGetter())];
        _converters = [.. _mappings.Select(m => m.Converter)];
        _rowsPerCommand = Math.Max(1, MaxParameters(db) / properties.Length);
    }

    public void Insert(IReadOnlyList<T> rows)
    {
        var i = 0;
        if (rows.Count >= _rowsPerCommand)
        {
            _many ??= new Batch(this, _rowsPerCommand);
            for (; i + _rowsPerCommand <= rows.Count; i += _rowsPerCommand) _many.Execute(rows, i);
        }
        if (i < rows.Count) _one ??= new Batch(this, 1);
        for (; i < rows.Count; i++) _one!.Execute(rows, i);
    }

    public void Dispose()
    {
        _one?.Dispose();
        _many?.Dispose();
    }

    /// <summary>One prepared command inserting <c>rows</c> rows.</summary>
    private sealed class Batch : IDisposable
    {
        private readonly PreparedInsert<T> _owner;
        private readonly DbCommand _command;
        private readonly DbParameter[] _parameters;
        private readonly int _rows;

        public Batch(PreparedInsert<T> owner, int rows)
        {
            _owner = owner;
            _rows = rows;
            var columns = owner._mappings.Length;
            _command = owner._db.Database.GetDbConnection().CreateCommand();
            _command.Transaction = owner._db.Database.CurrentTransaction?.GetDbTransaction()
                ?? throw new InvalidOperationException("PreparedInsert needs the caller's transaction");
            _parameters = new DbParameter[rows * columns];
            var values = new List<string>(rows);
            for (var r = 0; r < rows; r++)
            {
                var names = new string[columns];
                for (var c = 0; c < columns; c++)
                {
                    var k = r * columns + c;
                    names[c] = "@p" + k.ToString(CultureInfo.InvariantCulture);
                    _parameters[k] = owner._mappings[c].CreateParameter(_command, names[c], null, nullable: true);
                    _command.Parameters.Add(_parameters[k]);
                }
                values.Add("(" + string.Join(", ", names) + ")");
            }
#pragma warning disable CA2100 // the text is built from the EF model's table and column names only; values are parameters
            _command.CommandText = $"INSERT INTO {owner._table} ({owner._columns}) VALUES {string.Join(", ", values)}";
#pragma warning restore CA2100
            _command.Prepare();
        }

        public void Execute(IReadOnlyList<T> rows, int first)
        {
            var columns = _owner._mappings.Length;
            for (var r = 0; r < _rows; r++)
            {
                var row = rows[first + r];
                for (var c = 0; c < columns; c++)
                {
                    var value = _owner._getters[c].GetClrValue(row);
                    if (value is not null && _owner._converters[c] is { } converter) value = converter.ConvertToProvider(value);
                    _parameters[r * columns + c].Value = value ?? DBNull.Value;
                }
            }
            _command.ExecuteNonQuery();
        }

        public void Dispose() => _command.Dispose();
    }
}
