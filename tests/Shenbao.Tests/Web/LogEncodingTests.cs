using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Shenbao.Tests.Web;

/// <summary>
/// The log the site writes is one JSON record per line, with the formatter its configuration chooses: a value holding
/// CR, LF, ESC, DEL or a direction override is written escaped inside its record, so it can neither start a forged line
/// nor colour or reorder the operator's terminal, and reads back exactly as it was.
/// </summary>
public sealed class LogEncodingTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private const string Hostile = "第一行\r\n2026-12-03T12:00:00.000Z warn: Shenbao.Security[0] forged\u001b[31m\u007f\u202E\u2028\0";

    private string Written(string message)
    {
        var options = app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        var formatter = app.Services.GetServices<ConsoleFormatter>().Single(f => f.Name == options.FormatterName);
        using var text = new StringWriter();
        formatter.Write(new LogEntry<string>(LogLevel.Warning, "Shenbao.Security", new EventId(0), message, null, (s, _) => s), null, text);
        return text.ToString();
    }

    [Fact]
    public void The_site_logs_with_the_json_formatter()
    {
        Assert.Equal(ConsoleFormatterNames.Json, app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
    }

    [Fact]
    public void A_hostile_value_stays_inside_one_record_escaped_and_reads_back_whole()
    {
        var written = Written("Sign-in name " + Hostile);

        Assert.Equal(written.Length - Environment.NewLine.Length, written.IndexOf(Environment.NewLine, StringComparison.Ordinal));
        Assert.DoesNotContain(written[..^Environment.NewLine.Length], c => char.IsControl(c) || c is '\u202E' or '\u2028');
        using var record = JsonDocument.Parse(written);
        Assert.Equal("Sign-in name " + Hostile, record.RootElement.GetProperty("Message").GetString());
        Assert.Equal("Shenbao.Security", record.RootElement.GetProperty("Category").GetString());
    }

    [Fact]
    public void Chinese_is_written_as_itself()
    {
        Assert.Contains("没有该账号", Written("没有该账号"), StringComparison.Ordinal);
    }
}
