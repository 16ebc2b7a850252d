using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace Shenbao.Data.Exports;

/// <summary>A column of an exported sheet: its Chinese header and its width in Excel's character units.</summary>
public sealed record Column(string Header, double Width);

/// <summary>
/// Every list the officials export, written the same way: MiniExcel streaming the rows as they are read (never the
/// whole list in memory), Chinese headers with set widths, the header row frozen and filtered, and any text that
/// Excel would run as a formula (= + - @ first) neutralised with a leading apostrophe.
/// </summary>
public static class ExcelSheet
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task WriteAsync(Stream output, string sheetName, IReadOnlyList<Column> columns, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        var configuration = new OpenXmlConfiguration
        {
            FreezeRowCount = 1,
            AutoFilter = true,
            EnableWriteNullValueCell = true,
            DynamicColumns = columns.Select((c, i) => new DynamicExcelColumn(c.Header) { Width = c.Width, Index = i }).ToArray(),
        };
        await output.SaveAsAsync(rows.Select(row => Row(columns, row)), sheetName: sheetName, configuration: configuration, cancellationToken: ct);
    }

    /// <summary>A cell's value as written: text Excel would take for a formula gets a leading apostrophe, anything else is kept.</summary>
    public static object? Neutralised(object? value) => value is string s && s.Length > 0 && s[0] is '=' or '+' or '-' or '@' ? "'" + s : value;

    /// <summary>A cell read back as text: numbers without exponent, dates as yyyy-MM-dd (how the readers of a sheet take them).</summary>
    public static string? TextOf(object? cell) => cell switch
    {
        null => null,
        string s => s,
        double d => d.ToString("0.###############", System.Globalization.CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        var other => Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture),
    };

    private static Dictionary<string, object?> Row(IReadOnlyList<Column> columns, object?[] values)
    {
        var row = new Dictionary<string, object?>(columns.Count);
        for (var i = 0; i < columns.Count; i++) row[columns[i].Header] = Neutralised(i < values.Length ? values[i] : null);
        return row;
    }
}

/// <summary>Counts rows as they stream past, for the message and the audit entry of an export.</summary>
public sealed class RowCounter
{
    public int Count { get; private set; }

    public void Add(int rows) => Count += rows;

    public IEnumerable<object?[]> Of(IEnumerable<object?[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var row in rows)
        {
            Count++;
            yield return row;
        }
    }
}
