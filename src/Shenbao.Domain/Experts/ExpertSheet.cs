using System.Net.Mail;
using System.Text.RegularExpressions;

namespace Shenbao.Domain.Experts;

/// <summary>One expert as a row of the pool's sheet gives it, validated.</summary>
public sealed record ExpertRow(int Row, string Name, string IdNumber, string Organisation, string? Title, IReadOnlyList<string> Fields, string Phone, string Email, IReadOnlyList<string> AvoidOrganisations);

/// <summary>A problem in the sheet, where Excel shows it: the row as Excel numbers it (the header is 第1行) and the column's header and letter.</summary>
public sealed record SheetError(int Row, string Column, string Letter, string Message)
{
    public override string ToString() => Row == 1 ? $"第1行（表头）：{Message}" : $"第{Row}行：{Column}{Message}（{Letter}列）";
}

/// <summary>The sheet read: every row valid, or every problem found (and then nothing is imported).</summary>
public sealed record SheetRead(IReadOnlyList<ExpertRow> Rows, IReadOnlyList<SheetError> Errors)
{
    public bool Valid => Errors.Count == 0;
}

/// <summary>
/// 专家库导入表: the columns are found by their headers (姓名, 身份证号, 工作单位, 职称, 专业领域, 手机, 邮箱, 回避单位), in
/// any order; 专业领域 and 回避单位 may hold several values separated by 、 or ；. Every row is checked: the 身份证号 by its
/// check character, the 手机 and 邮箱 by form, each 专业领域 against the guide's support fields (a near miss is
/// suggested), and nothing may repeat a row above it or an expert already in the pool.
/// </summary>
public static partial class ExpertSheet
{
    public const string Name = "姓名", IdNumber = "身份证号", Organisation = "工作单位", Title = "职称", Fields = "专业领域", Phone = "手机", Email = "邮箱", Avoid = "回避单位";

    /// <summary>The headers in the order an exported sheet writes them; the first six must be present to import.</summary>
    public static readonly IReadOnlyList<string> Headers = [Name, IdNumber, Organisation, Title, Fields, Phone, Email, Avoid];
    private static readonly string[] Required = [Name, IdNumber, Organisation, Fields, Phone, Email];
    private static readonly char[] Separators = ['、', '；', ';', '，', ','];

    public const int TextLimit = 100;
    public const int AvoidLimit = 30;
    public const int FieldLimit = 20;

    /// <param name="header">The first row's cells, by column.</param>
    /// <param name="rows">The rows below it, each with its cells by column.</param>
    /// <param name="knownFields">Every support field of the call's guides.</param>
    /// <param name="inPool">Whether an identity number (normalised) or an e-mail address is already the pool's.</param>
    public static SheetRead Read(IReadOnlyList<string?> header, IEnumerable<IReadOnlyList<string?>> rows, IReadOnlyCollection<string> knownFields,
        Func<string, bool>? idInPool = null, Func<string, bool>? emailInPool = null)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(knownFields);
        var errors = new List<SheetError>();
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
            if (header[i]?.Trim() is { Length: > 0 } name && Headers.Contains(name))
            {
                if (columns.TryAdd(name, i)) continue;
                errors.Add(new SheetError(1, name, Letter(i), $"表头“{name}”出现了两次（{Letter(columns[name])}列和{Letter(i)}列）"));
            }
        var missing = Required.Where(r => !columns.ContainsKey(r)).ToList();
        if (missing.Count > 0)
            errors.Add(new SheetError(1, "", "", $"缺少表头：{string.Join("、", missing)}。第1行须为表头：{string.Join("、", Headers)}（职称、回避单位可省略）"));
        if (errors.Count > 0) return new SheetRead([], errors);

        var read = new List<ExpertRow>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var emails = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var rowNumber = 1;
        foreach (var cells in rows)
        {
            rowNumber++;
            string? Cell(string column) => columns.TryGetValue(column, out var i) && i < cells.Count ? cells[i]?.Trim() is { Length: > 0 } v ? v : null : null;
            if (Headers.All(h => Cell(h) is null)) continue;   // an empty row between the data is not an expert
            var rowErrors = new List<SheetError>();
            void Error(string column, string message) => rowErrors.Add(new SheetError(rowNumber, column, Letter(columns[column]), message));
            string? Text(string column, bool required)
            {
                var value = Cell(column);
                if (value is null) { if (required) Error(column, "不能为空"); return null; }
                if (value.Length > TextLimit) { Error(column, $"不能超过{TextLimit}个字（实际{value.Length}个）"); return null; }
                return value;
            }

            var name = Text(Name, required: true);
            var organisation = Text(Organisation, required: true);
            var title = Text(Title, required: false);
            var id = Cell(IdNumber) is { } rawId ? IdentityNumber.Normalise(rawId) : null;
            if (id is null) Error(IdNumber, "不能为空");
            else if (IdentityNumber.Problem(id) is { } problem) Error(IdNumber, problem);
            else if (ids.TryGetValue(id, out var firstRow)) Error(IdNumber, $"与第{firstRow}行重复");
            else if (idInPool?.Invoke(id) == true) Error(IdNumber, "已在专家库中（修改已有专家请在专家库页面编辑）");
            else ids[id] = rowNumber;

            var phone = Cell(Phone)?.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
            if (phone is null) Error(Phone, "不能为空");
            else if (!MobilePattern().IsMatch(phone)) Error(Phone, $"“{phone}”不是有效的11位手机号码");

            var email = Cell(Email);
            if (email is null) Error(Email, "不能为空");
            else if (!IsEmail(email)) Error(Email, $"“{email}”格式不正确");
            else if (emails.TryGetValue(email, out var firstEmail)) Error(Email, $"与第{firstEmail}行重复（登录账号以邮箱区分）");
            else if (emailInPool?.Invoke(email) == true) Error(Email, "已被系统中的其他账号使用");
            else emails[email] = rowNumber;

            var fields = Split(Cell(Fields));
            if (fields.Count == 0) Error(Fields, "不能为空");
            foreach (var field in fields.Where(f => !knownFields.Contains(f)))
                Error(Fields, $"“{field}”不是指南的支持领域" + (Suggest(field, knownFields) is { } near ? $"，是否为“{near}”？" : "；请使用指南列举的支持领域名称"));
            var avoid = Split(Cell(Avoid));
            foreach (var unit in avoid.Where(a => a.Length > TextLimit)) Error(Avoid, $"“{unit[..20]}…”超过{TextLimit}个字");
            if (avoid.Count > AvoidLimit) Error(Avoid, $"最多填写{AvoidLimit}个单位（实际{avoid.Count}个）");
            if (fields.Count > FieldLimit) Error(Fields, $"最多填写{FieldLimit}个领域（实际{fields.Count}个）");

            // left to right, as the row reads in Excel
            if (rowErrors.Count > 0) errors.AddRange(rowErrors.OrderBy(e => columns[e.Column]));
            else read.Add(new ExpertRow(rowNumber, name!, id!, organisation!, title, fields, phone!, email!, avoid));
        }
        if (read.Count == 0 && errors.Count == 0) errors.Add(new SheetError(1, "", "", "表中没有专家（第2行起每行一位专家）"));
        return errors.Count > 0 ? new SheetRead([], errors) : new SheetRead(read, []);
    }

    /// <summary>Several values in one cell, separated by 、 or ； (and their near relatives), each trimmed, none twice.</summary>
    public static IReadOnlyList<string> Split(string? cell) =>
        cell is null ? [] : cell.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();

    public static bool IsEmail(string value) =>
        value.Length <= 200 && MailAddress.TryCreate(value, out var address) && address.Address == value && EmailPattern().IsMatch(value);

    /// <summary>The support field a mistyped one most likely means: one or two characters off, or one containing the other.</summary>
    public static string? Suggest(string typed, IEnumerable<string> known) =>
        known.Select(k => (Field: k, Distance: Distance(typed, k)))
            .Where(k => k.Distance <= Math.Max(1, Math.Min(2, k.Field.Length / 3)) || (typed.Length >= 2 && (k.Field.Contains(typed, StringComparison.Ordinal) || typed.Contains(k.Field, StringComparison.Ordinal))))
            .OrderBy(k => k.Distance).ThenBy(k => k.Field, StringComparer.Ordinal).Select(k => k.Field).FirstOrDefault();

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }

    /// <summary>Excel's column letters: A, B, … Z, AA, …</summary>
    public static string Letter(int index)
    {
        var letters = "";
        for (var i = index + 1; i > 0; i = (i - 1) / 26) letters = (char)('A' + (i - 1) % 26) + letters;
        return letters;
    }

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex MobilePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
