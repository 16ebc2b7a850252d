namespace Shenbao.BrowserTests.Pages;

/// <summary>/Organisation/Profile (单位信息): the facts the rules read about the organisation, with proof documents per group.</summary>
public sealed class ProfilePage(IPage page) : SitePage(page)
{
    public new static class Selectors
    {
        public const string Form = "form#profile";
        public const string Employees = "#Input_Employees";
        public const string IndependentLegalPerson = "#Input_IndependentLegalPerson";
        public const string HighTechCertified = "#Input_HighTech_Certified";
        public const string HighTechCertificateNo = "#Input_HighTech_CertificateNo";
        public const string HighTechValidTo = "#Input_HighTech_ValidTo";
        public const string NoSubsidies = "#Input_NoSubsidies";
        public const string IpDispute = "#Input_IpDispute";
        /// <summary>The profile's own button (the uploads' buttons sit in the same form and post it to the upload handler).</summary>
        public const string Save = "form#profile button.btn-primary[type=submit]";
        public const string ValidationErrors = "main .field-validation-error, main .validation-summary-errors";
        public static string Finance(int year, string figure) => $"input[aria-label='{year}年度{figure}（元）']";
        /// <summary>The upload of a fact group (highTech, techSme, finance…): its file input and its button sit in the group's section.</summary>
        public static string ProofFile(string group) => $"section#{group} input[type=file][name='file-{group}']";
        public static string ProofUpload(string group) => $"section#{group} button.upload";
        public static string Proofs(string group) => $"section#{group} ul.proofs";
    }

    public sealed record FinanceYear(int Year, decimal Output, decimal Revenue, decimal Tax, decimal? Assets = null);

    public async Task<ProfilePage> OpenAsync()
    {
        await GoToAsync("/Organisation/Profile");
        await Assertions.Expect(Heading).ToHaveTextAsync("单位信息");
        return this;
    }

    public async Task FillHighTechEnterpriseAsync(int employees, string certificateNo, DateOnly validTo, IEnumerable<FinanceYear> finance)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        await Page.Locator(Selectors.Employees).FillAsync(employees.ToString(invariant));
        await Page.Locator(Selectors.IndependentLegalPerson).CheckAsync();
        await Page.Locator(Selectors.HighTechCertified).CheckAsync();
        await Page.Locator(Selectors.HighTechCertificateNo).FillAsync(certificateNo);
        await Page.Locator(Selectors.HighTechValidTo).FillAsync(validTo.ToString("yyyy-MM-dd", invariant));
        foreach (var year in finance)
        {
            await Page.Locator(Selectors.Finance(year.Year, "产值")).FillAsync(year.Output.ToString(invariant));
            await Page.Locator(Selectors.Finance(year.Year, "营业收入")).FillAsync(year.Revenue.ToString(invariant));
            await Page.Locator(Selectors.Finance(year.Year, "实缴税费")).FillAsync(year.Tax.ToString(invariant));
            if (year.Assets is { } assets) await Page.Locator(Selectors.Finance(year.Year, "资产总额")).FillAsync(assets.ToString(invariant));
        }
        await Page.Locator(Selectors.NoSubsidies).CheckAsync();
        await Page.Locator(Selectors.IpDispute).SelectOptionAsync("false");
    }

    /// <summary>Saves and waits for 单位信息已保存; refused input fails with the page's messages.</summary>
    public async Task SaveAsync()
    {
        await Page.Locator(Selectors.Save).ClickAsync();
        var refused = Page.Locator(Selectors.ValidationErrors);
        await SuccessAlert.Or(refused).First.WaitForAsync();
        if (await refused.CountAsync() > 0)
            throw new InvalidOperationException("the profile was refused: " + string.Join("; ", await refused.AllInnerTextsAsync()));
        await Assertions.Expect(SuccessAlert).ToHaveTextAsync("单位信息已保存");
    }

    public async Task UploadProofAsync(string group, string file)
    {
        await Page.Locator(Selectors.ProofFile(group)).SetInputFilesAsync(file);
        await Page.Locator(Selectors.ProofUpload(group)).ClickAsync();
        await Assertions.Expect(SuccessAlert).ToContainTextAsync($"已上传“{Path.GetFileName(file)}”");
    }

    public ILocator Proofs(string group) => Page.Locator(Selectors.Proofs(group));
}
