using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Shenbao.BrowserTests.Support;

/// <summary>
/// The site's warnings and errors (with exceptions) in artifacts/screenshots/server.log, so that a 500 seen in the
/// browser can be read next to the screenshots; and every line it logs in artifacts/logs/, which the last step of
/// ./test.sh scans for personal data, passwords and tokens (tests/Shenbao.LogScan).
/// </summary>
public sealed class ServerLog(string path) : ILoggerProvider
{
    private readonly ConcurrentDictionary<string, Logger> loggers = new();
    private readonly Lock gate = new();
    private readonly string run = RunLogPath();

    public string Path { get; } = path;

    public ILogger CreateLogger(string categoryName) => loggers.GetOrAdd(categoryName, c => new Logger(this, c));

    public void Dispose() { }

    private static string RunLogPath()
    {
        var folder = System.IO.Path.Combine(Repository.Root, "artifacts", "logs");
        Directory.CreateDirectory(folder);
        return System.IO.Path.Combine(folder, $"Shenbao.BrowserTests.{Environment.ProcessId}.log");
    }

    private void Write(LogLevel level, string text)
    {
        lock (gate)
        {
            File.AppendAllText(run, text);
            if (level >= LogLevel.Warning) File.AppendAllText(Path, text);
        }
    }

    private sealed class Logger(ServerLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            log.Write(logLevel, $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}\n{(exception is null ? "" : exception + "\n")}");
        }
    }
}
