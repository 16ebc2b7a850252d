using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Shenbao.Domain.Guides;
using Shenbao.Domain.Requests;

namespace Shenbao.Domain.Eligibility;

/// <summary>The response of the check as the contract writes it (spec/eligibility.md): the same for the CLI and the API.</summary>
public sealed record CheckResponse(string Category, string Verdict, IReadOnlyList<RuleResponse> Rules)
{
    public static CheckResponse From(Verdict verdict) =>
        new(verdict.Category, verdict.Word, verdict.Rules.Select(r => new RuleResponse(r.RuleId, r.Clause, OutcomeWord(r.Outcome), r.Message, r.Missing ? true : null)).ToList());

    public static string OutcomeWord(Outcome outcome) => outcome switch
    {
        Outcome.Pass => "pass",
        Outcome.Fail => "fail",
        Outcome.Warn => "warn",
        Outcome.Manual => "manual",
        _ => throw new System.Diagnostics.UnreachableException(),
    };
}

/// <summary>One rule in the response; Missing (written only when true): the outcome is due to a fact not stated.</summary>
public sealed record RuleResponse(string Id, string Clause, string Outcome, string Message, bool? Missing = null);

public sealed record ErrorsResponse(IReadOnlyList<InputError> Errors);

/// <summary>One request's answer: a response, or the input errors that kept it from being evaluated.</summary>
public abstract record CheckAnswer
{
    private CheckAnswer() { }
    public sealed record Evaluated(CheckResponse Response) : CheckAnswer;
    public sealed record Rejected(IReadOnlyList<InputError> Errors) : CheckAnswer;

    /// <summary>Reads, validates and evaluates one request: the whole check behind the CLI and the API.</summary>
    public static CheckAnswer For(ReadOnlyMemory<byte> utf8Json, Guide guide, DateOnly today) =>
        RequestReader.Read(utf8Json, guide, today) switch
        {
            ReadResult.Parsed parsed => new Evaluated(CheckResponse.From(Eligibility.Evaluate(guide, parsed.Request))),
            ReadResult.Invalid invalid => new Rejected(invalid.Errors),
            _ => throw new System.Diagnostics.UnreachableException(),
        };
}

public static class CheckJson
{
    /// <summary>camelCase, Chinese written as itself rather than \u escapes.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static JsonSerializerOptions Indented { get; } = new(Options) { WriteIndented = true };
}

/// <summary>The calls run on Beijing time: "today" and deadlines are Asia/Shanghai dates.</summary>
public static class ChinaTime
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    public static DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The instant a Beijing day begins, in UTC (what the databases store and compare).</summary>
    public static DateTimeOffset StartOf(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, Zone.GetUtcOffset(midnight)).ToUniversalTime();
    }

    /// <summary>2025年6月30日 17:00 (Beijing time).</summary>
    public static string Describe(DateTimeOffset instant)
    {
        var local = Local(instant);
        return $"{local.Year}年{local.Month}月{local.Day}日 {local:HH:mm}";
    }
}
