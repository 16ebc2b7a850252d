using System.Globalization;
using Shenbao.Data;
using Shenbao.Domain.Eligibility;
using Shenbao.Web.Files;
using Shenbao.Web.Organisations;
using Shenbao.Web.Security;

namespace Shenbao.Web.Pages.Organisation;

/// <summary>The evidence beside the facts: the 入库登记编号 of the national platform, and the proofs the form carries.</summary>
public sealed partial class TechSmeModel
{
    /// <summary>The 入库登记编号 and its year as typed: both or neither, letters and digits.</summary>
    private (string? Number, int? Year) ValidateNumber()
    {
        var number = Input.Number?.Trim();
        var yearText = Input.NumberYear?.Trim();
        if (string.IsNullOrEmpty(number))
        {
            if (!string.IsNullOrEmpty(yearText)) ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.Number)}", "填写了入库年度，请填写入库登记编号（没有的请清空年度）");
            return (null, null);
        }
        if (number.Length > 40 || !number.All(char.IsAsciiLetterOrDigit))
            ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.Number)}", "入库登记编号只能由字母和数字组成，不超过40位，请按入库登记证明填写");
        var year = ProfileValues.Year(yearText);
        if (year is null || year > ChinaTime.DateOf(clock.GetUtcNow()).Year + 1)
            ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.NumberYear)}", "请填写入库年度（四位年份，如 2025）");
        return (number.ToUpperInvariant(), year);
    }

    /// <summary>
    /// Every proof chosen in the form, stored (refused ones named beside their route); null when one was refused. A
    /// document already listed for the same purpose is not listed again, only named. A stored file whose save is
    /// then refused stays in the store unlisted: content-addressed, it is one file however often it is sent.
    /// </summary>
    private async Task<(List<Attachment>? Stored, List<string> Known)> StoreProofsAsync(CancellationToken ct)
    {
        var uploads = new List<Attachment>();
        var known = new List<string>();
        var refused = false;
        foreach (var (key, purpose) in DeclaredRoutes.Select(r => (r, TechSmeAssessments.ProofPurpose(r))).Append(("registration", TechSmeAssessments.RegistrationProof)))
        {
            if (Request.Form.Files.GetFile(ProofInput(key)) is not { Length: > 0 } file) continue;
            switch (await files.SaveAsync(file, ct))
            {
                case FileStore.Result.Stored stored:
                    var fileName = stored.FileName;
                    if (Proofs[purpose].Any(p => p.Sha256 == stored.Sha256))
                    {
                        known.Add(fileName);
                        continue;
                    }
                    uploads.Add(Shenbao.Web.Files.Proofs.Of(stored, Organisation.Id, purpose, User.DisplayName(), clock.GetUtcNow()));
                    break;
                case FileStore.Result.Refused no:
                    ModelState.AddModelError(ProofInput(key), $"“{file.VisibleName()}”未上传：{no.Message}（请重新选择文件）");
                    refused = true;
                    break;
            }
        }
        return (refused ? null : uploads, known);
    }

    /// <summary>The name of a proof's file input: a route's key, or "registration" for the 入库 proof.</summary>
    public static string ProofInput(string key) => "Proof." + key;
}
