using System.Globalization;
using Shenbao.Domain.Experts;
using Shenbao.Domain.Requests;

namespace Shenbao.Domain.OfficialLists;

/// <summary>
/// The official lists as the bureau receives them in Excel: columns found by their headers in any order, every row
/// checked, each problem named by its row and column as Excel shows them ("第4行：统一社会信用代码…（C列）").
/// </summary>
public static class OfficialListSheet
{
    public const string CertificateNo = "证书编号", CompanyName = "企业名称", CreditCodeHeader = "统一社会信用代码", IssuedOn = "发证日期", ValidUntil = "有效期至";
    public const string RegistrationNo = "登记编号", ContractName = "合同名称", Seller = "卖方", Buyer = "买方", Amount = "成交金额", RegisteredOn = "登记日期";
    public const int TextLimit = 200;

    public static readonly IReadOnlyList<string> CertificateHeaders = [CertificateNo, CompanyName, CreditCodeHeader, IssuedOn, ValidUntil];
    public static readonly IReadOnlyList<string> ContractHeaders = [RegistrationNo, ContractName, Seller, Buyer, Amount, RegisteredOn];

    public static ListRead<HteCertificate> Certificates(IReadOnlyList<string?> header, IEnumerable<IReadOnlyList<string?>> rows) =>
        Read(header, rows, CertificateHeaders, CertificateNo, cells =>
        {
            // every cell is read before any is judged, so that a row's problems are all reported at once
            var (number, company, code) = (cells.Text(CertificateNo), cells.Text(CompanyName), cells.Text(CreditCodeHeader));
            if (code is not null && CreditCode.Problem(code) is { } problem)
                cells.Error(CreditCodeHeader, problem.StartsWith(CreditCodeHeader, StringComparison.Ordinal) ? problem[CreditCodeHeader.Length..] : "：" + problem);
            var (issued, until) = (cells.Date(IssuedOn), cells.Date(ValidUntil));
            if (issued is { } i && until is { } u && u < i) cells.Error(ValidUntil, $"（{ChineseDate.Format(u)}）早于发证日期（{ChineseDate.Format(i)}）");
            return cells.Failed ? null : new HteCertificate(number!, company!, code!.ToUpperInvariant(), issued!.Value, until!.Value);
        });

    public static ListRead<ContractRegistration> Contracts(IReadOnlyList<string?> header, IEnumerable<IReadOnlyList<string?>> rows) =>
        Read(header, rows, ContractHeaders, RegistrationNo, cells =>
        {
            var (number, name, seller, buyer) = (cells.Text(RegistrationNo), cells.Text(ContractName), cells.Text(Seller), cells.Text(Buyer));
            var amount = cells.Amount(Amount);
            var on = cells.Date(RegisteredOn);
            return cells.Failed ? null : new ContractRegistration(number!, name!, seller!, buyer!, amount!.Value, on!.Value);
        });

    private static ListRead<T> Read<T>(IReadOnlyList<string?> header, IEnumerable<IReadOnlyList<string?>> rows, IReadOnlyList<string> headers, string key, Func<Cells, T?> readRow)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        var columns = headers.ToDictionary(h => h, h => header.ToList().FindIndex(c => c?.Trim() == h), StringComparer.Ordinal);
        var missing = columns.Where(c => c.Value < 0).Select(c => c.Key).ToList();
        if (missing.Count > 0)
            return new([], [new SheetError(1, "", "", $"缺少列：{string.Join("、", missing)}。第1行须为表头：{string.Join("、", headers)}")]);
        var read = new List<T>();
        var errors = new List<SheetError>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var number = 1;
        foreach (var row in rows)
        {
            number++;
            if (row.All(string.IsNullOrWhiteSpace)) continue;
            var cells = new Cells(number, row, columns, errors);
            var keyText = cells.Text(key);
            if (keyText is not null)
            {
                if (seen.TryGetValue(keyText, out var first)) cells.Error(key, $"“{keyText}”与第{first}行重复");
                else seen[keyText] = number;
            }
            if (readRow(cells) is { } value) read.Add(value);
        }
        if (number == 1) errors.Add(new SheetError(1, "", "", "名单没有数据行：第2行起每行一条"));
        return errors.Count > 0 ? new([], errors) : new(read, []);
    }

    /// <summary>One row's cells by header; every problem is recorded against its row and column.</summary>
    private sealed class Cells(int row, IReadOnlyList<string?> values, IReadOnlyDictionary<string, int> columns, List<SheetError> errors)
    {
        private readonly int before = errors.Count;

        public bool Failed => errors.Count > before;

        public void Error(string header, string message) => errors.Add(new SheetError(row, header, ExpertSheet.Letter(columns[header]), message));

        /// <summary>The cell's trimmed text; an empty or overlong cell is an error and gives null.</summary>
        public string? Text(string header)
        {
            var index = columns[header];
            var text = index < values.Count ? values[index]?.Trim() : null;
            if (string.IsNullOrEmpty(text)) { Error(header, "为空"); return null; }
            if (text.Length > TextLimit) { Error(header, $"超过{TextLimit}个字符"); return null; }
            return text;
        }

        public DateOnly? Date(string header)
        {
            if (Text(header) is not { } text) return null;
            string[] formats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyy年M月d日"];
            if (DateOnly.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
            Error(header, $"“{text}”不是日期：请写作 2025-01-31 或 2025年1月31日");
            return null;
        }

        public decimal? Amount(string header)
        {
            if (Text(header) is not { } text) return null;
            var plain = text.Replace(",", "", StringComparison.Ordinal).Replace("元", "", StringComparison.Ordinal).Trim();
            if (decimal.TryParse(plain, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var yuan) && yuan > 0 && decimal.Round(yuan, 2) == yuan) return yuan;
            Error(header, $"“{text}”不是以元为单位的正数金额（最多两位小数）");
            return null;
        }
    }
}
