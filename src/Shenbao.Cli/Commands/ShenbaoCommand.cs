using System.CommandLine;

namespace Shenbao.Cli.Commands;

public static class ShenbaoCommand
{
    /// <summary>The guide shipped beside the program, used when --guide is not given.</summary>
    public static string DefaultGuidePath { get; } = Path.Combine(AppContext.BaseDirectory, "guides", "hengyang-2025.yaml");

    public static RootCommand Create()
    {
        var root = new RootCommand("Shenbao 科技创新计划项目申报管理系统命令行工具");
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(GuideCommands.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(ReceiptCommands.Create());
        root.Subcommands.Add(AuditCommands.Create());
        root.Subcommands.Add(TechSmeCommand.Create());
        root.Subcommands.Add(ApplicationsCommand.Create());
        root.Subcommands.Add(ExpertCommands.Experts());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(PdfCommand.Create());
        root.Subcommands.Add(ListCommands.Create());
        root.Subcommands.Add(WhatIfCommand.Create());
        root.Subcommands.Add(StatsCommand.Create());
        foreach (var command in BackupCommands.Create()) root.Subcommands.Add(command);
        return root;
    }
}
