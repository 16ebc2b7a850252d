namespace Shenbao.LogScan;

/// <summary>
/// The last step of ./test.sh: every line the application logged during the whole run — the unit and HTTP tests on
/// SQLite and on PostgreSQL, the browser journeys — read for personal data, passwords and tokens. There must be none.
/// </summary>
public sealed class WholeRunLogTests
{
    [Fact]
    public void The_whole_runs_logs_hold_no_identity_number_phone_number_password_or_token()
    {
        var files = Directory.Exists(Repository.Logs) ? Directory.GetFiles(Repository.Logs, "*.log") : [];
        Assert.True(files.Length > 0, $"no logs under {Repository.Logs}: ./test.sh runs this scan after every other test, which write them");
        // ./test.sh names the runs whose logs must be there, so that a run that logged nothing cannot pass unnoticed
        foreach (var expected in (Environment.GetEnvironmentVariable("SHENBAO_LOG_EXPECT") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
            Assert.True(files.Any(f => Path.GetFileName(f).StartsWith(expected + ".", StringComparison.Ordinal)), $"no log of {expected} under {Repository.Logs}");

        var secrets = RunSecrets.Find(Repository.Root);
        var lines = 0;
        var findings = new List<string>();
        foreach (var file in files)
        {
            var number = 0;
            foreach (var line in File.ReadLines(file))
            {
                number++;
                lines++;
                findings.AddRange(LogFindings.In(line, secrets).Select(f => $"{Path.GetFileName(file)}:{number}: {f.Kind} {f.Shown}"));
            }
        }

        Assert.True(lines > 1_000, $"only {lines} log lines in {files.Length} files: the run logged too little to prove anything");
        Assert.True(findings.Count == 0, $"{findings.Count} findings in {lines} lines:\n" + string.Join("\n", findings.Take(50)));
    }
}
