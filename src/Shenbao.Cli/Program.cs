using Shenbao.Cli.Commands;

// shenbao: the command line of 衡阳市科技创新计划项目申报管理系统
return ShenbaoCommand.Create().Parse(args).Invoke();
