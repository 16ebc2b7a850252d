using Shenbao.Domain.Files;

namespace Shenbao.Web.Files;

public static class UploadNames
{
    /// <summary>The name of the file a person chose, fit for a message or the audit trail whatever it holds (<see cref="FileNames.Visible"/>).</summary>
    public static string VisibleName(this IFormFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return FileNames.Visible(Path.GetFileName(file.FileName));
    }
}
