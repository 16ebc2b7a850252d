global using System.Text.Json.Nodes;
global using Shenbao.Domain.Eligibility;
global using Shenbao.Tests.Support;
