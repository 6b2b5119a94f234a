namespace Renewal.Data.Configurations;

/// <summary>
/// The provider-specific store types of the model: money is exact <c>numeric</c> on PostgreSQL and decimal text on
/// SQLite (which has no exact decimal type), so both keep every fen.
/// </summary>
internal sealed class ColumnTypes(bool isPostgres)
{
    public bool IsPostgres => isPostgres;

    /// <summary>Yuan amounts.</summary>
    public string Money => isPostgres ? "numeric(18,2)" : "TEXT";

    /// <summary>
    /// A money column as a number in a check constraint: itself on PostgreSQL; on SQLite the decimal text read as a
    /// number (text compares letter by letter: '900.00' &gt; '1000.00'), exact for amounts below 10¹³ 元.
    /// </summary>
    public string MoneyValue(string column) => isPostgres ? $"\"{column}\"" : $"CAST(\"{column}\" AS REAL)";

    /// <summary>Interest rates as fractions.</summary>
    public string Rate => isPostgres ? "numeric(9,6)" : "TEXT";
}
