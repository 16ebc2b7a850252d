using System.CommandLine;
using Shenbao.Cli.Commands;

namespace Shenbao.Tests.Support;

/// <summary>Runs the CLI's parsed command in process, capturing what it writes.</summary>
public static class CliRunner
{
    public sealed record Run(int ExitCode, string Output, string Error);

    public static Run Invoke(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = ShenbaoCommand.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return new Run(exitCode, output.ToString(), error.ToString());
    }
}
