using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Shenbao.Tests.Support;

/// <summary>
/// The application's log lines, kept for the test that asks what was logged, and every one of them also appended to
/// artifacts/logs/ at the repository root: the last step of ./test.sh scans the whole run's logs for personal data,
/// passwords and tokens (tests/Shenbao.LogScan).
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyList<string> Lines => [.. lines];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            if (!IsEnabled(logLevel)) return;
            var line = $"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}";
            lines.Enqueue(line);
            RunLog.Append(line);
        }
    }
}

/// <summary>One file per test process under artifacts/logs, shared by every application the process starts.</summary>
public static class RunLog
{
    private static readonly Lock Gate = new();
    private static readonly Lazy<StreamWriter> Writer = new(() =>
    {
        var folder = Path.Combine(Paths.Root, "artifacts", "logs");
        Directory.CreateDirectory(folder);
        var provider = Environment.GetEnvironmentVariable("SHENBAO_TEST_PROVIDER") ?? "Sqlite";
        return new StreamWriter(Path.Combine(folder, $"Shenbao.Tests.{provider}.{Environment.ProcessId}.log"), append: true) { AutoFlush = true };
    });

    public static void Append(string line)
    {
        lock (Gate) Writer.Value.WriteLine(line);
    }

    /// <summary>A line of another process's log (a site started as its own process), in a file of its own.</summary>
    public static void AppendTo(string path, string line)
    {
        lock (Gate) File.AppendAllText(path, line + Environment.NewLine);
    }
}
