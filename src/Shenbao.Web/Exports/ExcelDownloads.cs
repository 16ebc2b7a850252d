using Microsoft.AspNetCore.Mvc;
using Shenbao.Data.Exports;

namespace Shenbao.Web.Exports;

/// <summary>
/// A list as an Excel download: written row by row into a temporary file (deleted when the response is sent), so an
/// export of 100,000 rows never sits in memory.
/// </summary>
public static class ExcelDownloads
{
    public static async Task<FileStreamResult> SheetAsync(string fileName, string sheetName, IReadOnlyList<Column> columns, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        var file = Temporary();
        try
        {
            await ExcelSheet.WriteAsync(file, sheetName, columns, rows, ct);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
        file.Position = 0;
        return new FileStreamResult(file, ExcelSheet.ContentType) { FileDownloadName = fileName };
    }

    private static FileStream Temporary() =>
        new(Path.Combine(Path.GetTempPath(), $"shenbao-export-{Guid.NewGuid():N}.xlsx"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
}
