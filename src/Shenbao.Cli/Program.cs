using Shenbao.Cli.Commands;

namespace Shenbao.Cli;

/// <summary>shenbao: the command line of 衡阳市科技创新计划项目申报管理系统.</summary>
// a named class, not top-level statements: the web project's Program would otherwise clash in the tests that load both
public static class CliProgram
{
    public static int Main(string[] args) => ShenbaoCommand.Create().Parse(args).Invoke();
}
