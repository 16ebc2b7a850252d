using Microsoft.AspNetCore.Mvc;
using Shenbao.Data.Documents;
using Shenbao.Documents;
using Shenbao.Domain.Documents;

namespace Shenbao.Web.Applications;

/// <summary>
/// The 申报书 PDF of what an application page shows (the applicant's and the officials' alike): the frozen submission,
/// or a draft with its check made now. The QR code's link is built from Shenbao:PublicBaseUrl, never from the
/// request's Host header, and the font from Shenbao:PdfFont (Debian's WenQuanYi Zen Hei by default).
/// </summary>
public sealed class PaperFiles(IConfiguration configuration, TimeProvider clock)
{
    public string PublicBaseUrl { get; } = Shenbao.Data.PublicAddress.Of(configuration);

    public Paper PaperOf(Workspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var files = workspace.Snapshot is null ? Papers.DraftFiles(workspace.Application) : workspace.FrozenFiles;
        var paper = Papers.Of(workspace.Guide, workspace.Category, workspace.Application, workspace.Values, workspace.Justifications,
            workspace.Verdict.Rules, files, workspace.Snapshot, PublicBaseUrl, clock.GetUtcNow());
        // submitted before snapshots were kept: lodged, but nothing frozen to print a receipt from
        if (workspace.Snapshot is null && workspace.Judgement is null)
            paper = paper with { Notes = ["此申报在系统保存提交记录之前提交，无法打印提交时的回执和资格检查；以下为保存的申报内容。"] };
        return paper;
    }

    /// <summary>The PDF as a download, or, when the server has no CJK font, the page again with what to install.</summary>
    public IActionResult Download(Microsoft.AspNetCore.Mvc.RazorPages.PageModel page, Workspace workspace, IReadOnlyList<Shenbao.Domain.OfficialLists.ListFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(page);
        var paper = PaperOf(workspace) with { ListFindings = Papers.Worded(findings) };
        try
        {
            return new FileContentResult(PaperPdf.Render(paper, configuration["Shenbao:PdfFont"]), PaperPdf.ContentType) { FileDownloadName = PaperPdf.FileName(paper) };
        }
        catch (FontMissingException missing)
        {
            page.TempData["PdfError"] = "暂时无法生成 PDF：" + missing.Message;
            return new RedirectResult(page.Request.Path);
        }
    }
}
