using System.Globalization;

namespace Renewal.Exchange.Xlsx;

/// <summary>A cell's address as Excel shows it: column 0, row 5 is <c>A5</c>; column 26 is <c>AA</c>.</summary>
public static class CellAddress
{
    /// <summary>The A1-style address of 0-based <paramref name="column"/> in 1-based <paramref name="rowNumber"/>.</summary>
    public static string Of(int column, int rowNumber)
    {
        var letters = "";
        var n = column + 1;
        while (n > 0)
        {
            var m = (n - 1) % 26;
            letters = (char)('A' + m) + letters;
            n = (n - 1) / 26;
        }
        return letters + rowNumber.ToString(CultureInfo.InvariantCulture);
    }
}
