namespace Shenbao.BrowserTests.Pages;

/// <summary>/Applications/Details/{id} (申报详情): the receipt, the content, the check and the timeline.</summary>
public sealed class ApplicationDetailsPage(IPage page) : SitePage(page)
{
    public new static class Selectors
    {
        public const string Status = "#status";
        public const string Receipt = "#receipt";
        public const string ReceiptNo = "#receipt-no";
        public const string ReceiptHash = "#receipt-hash";
        public const string Timeline = "#timeline li";
    }

    public ILocator Status => Page.Locator(Selectors.Status);

    public ILocator ReceiptNo => Page.Locator(Selectors.ReceiptNo);

    public ILocator ReceiptHash => Page.Locator(Selectors.ReceiptHash);

    public ILocator Timeline => Page.Locator(Selectors.Timeline);
}
