namespace Shenbao.Domain.Experts;

/// <summary>An expert of the pool as assignment sees them: their unit, fields, declared 回避单位, and reviews already given in the call.</summary>
public sealed record PoolExpert(int Id, string Name, string Organisation, IReadOnlyList<string> Fields, IReadOnlyList<string> AvoidOrganisations, int Load);

/// <summary>A person the applicant asked not to review it (申请回避的专家), named as they know them: a name, and the unit when they gave it.</summary>
public sealed record AvoidedPerson(string Name, string? Organisation);

/// <summary>
/// An application waiting for experts: its support field, its organisation and the organisations it works with (the
/// contract's counterparty, the consortium's members), whom it asked to avoid, how many experts it needs, and the
/// experts it already has or may not have again (declared a conflict, replaced).
/// </summary>
public sealed record Project(int Id, string Number, string Field, string Organisation, IReadOnlyList<string> Partners, IReadOnlyList<AvoidedPerson> Avoided,
    int Needed, IReadOnlyList<int> Assigned, IReadOnlyList<int> Barred);

/// <summary>Why an expert may not review an application. Stored by name: never renamed, only added to.</summary>
public enum ExclusionReason
{
    /// <summary>本单位: the expert works for the applicant.</summary>
    OwnOrganisation,
    /// <summary>专家声明的回避单位.</summary>
    DeclaredAvoidance,
    /// <summary>申报单位申请回避的专家.</summary>
    ApplicantRequest,
    /// <summary>合作单位: the contract's counterparty or a consortium member.</summary>
    Partner,
    /// <summary>已声明利益冲突 or replaced by an officer: not given the application again.</summary>
    Barred,
    /// <summary>已达评审上限 (the call's maximum per expert).</summary>
    LoadLimit,
}

public sealed record Exclusion(int ApplicationId, int ExpertId, ExclusionReason Reason, string Detail);

/// <summary>An application left with fewer experts than it needs, and why, in Chinese.</summary>
public sealed record Shortfall(int ApplicationId, string Number, int Needed, int Has, string Why);

public sealed record AssignmentPlan(IReadOnlyList<(int ApplicationId, int ExpertId)> Assignments, IReadOnlyList<Exclusion> Exclusions, IReadOnlyList<Shortfall> Shortfalls);

/// <summary>
/// 分配评审专家: each application gets experts of its support field until it has the number its rubric asks for,
/// never one with a conflict (<see cref="ConflictOf"/>), the least loaded first under the maximum per expert, ties drawn
/// from a recorded seed so that the same seed over the same data gives the same assignment. The scarcest applications
/// are served first, so that a common field's experts are not spent before a rare one's applications are reached.
/// Every exclusion is returned with its reason, and every application left short with why.
/// </summary>
public static class Assignment
{
    public static AssignmentPlan Plan(IReadOnlyList<Project> projects, IReadOnlyList<PoolExpert> pool, int maxPerExpert, int seed)
    {
        ArgumentNullException.ThrowIfNull(projects);
        ArgumentNullException.ThrowIfNull(pool);
        var random = new Random(seed);
        var load = pool.ToDictionary(e => e.Id, e => e.Load);
        var assignments = new List<(int, int)>();
        var exclusions = new List<Exclusion>();
        var shortfalls = new List<Shortfall>();

        var open = projects.Where(p => p.Assigned.Count < p.Needed).ToList();
        var index = new PoolIndex(pool);
        // every conflict is found (and logged) once per application, whatever the field; the index finds the few
        // experts who may have one, ConflictOf decides (in the pool's order, as the log lists them)
        var conflicts = open.ToDictionary(p => p.Id, p => index.MayConflict(p).Select(e => (Expert: e, Conflict: ConflictOf(p, e))).Where(x => x.Conflict is not null)
            .ToDictionary(x => x.Expert.Id, x => x.Conflict!.Value));
        foreach (var project in open)
            foreach (var (expertId, (reason, detail)) in conflicts[project.Id])
                exclusions.Add(new Exclusion(project.Id, expertId, reason, detail));

        var matchingOf = open.ToDictionary(p => p.Id, p => index.InField(p.Field).Where(e => !p.Assigned.Contains(e.Id) && !conflicts[p.Id].ContainsKey(e.Id)).ToList());
        foreach (var project in open.OrderBy(p => matchingOf[p.Id].Count - (p.Needed - p.Assigned.Count)).ThenBy(p => p.Number, StringComparer.Ordinal))
        {
            var matching = matchingOf[project.Id];
            var full = matching.Where(e => load[e.Id] >= maxPerExpert).ToList();
            foreach (var expert in full)
                exclusions.Add(new Exclusion(project.Id, expert.Id, ExclusionReason.LoadLimit, $"已分配 {load[expert.Id]} 项，达到每位专家的上限 {maxPerExpert} 项"));
            // a fresh draw per application: reproducible because the applications are always taken in the same order
            var chosen = matching.Except(full).Select(e => (Expert: e, Draw: random.Next()))
                .OrderBy(x => load[x.Expert.Id]).ThenBy(x => x.Draw)
                .Take(project.Needed - project.Assigned.Count).Select(x => x.Expert).ToList();
            foreach (var expert in chosen)
            {
                assignments.Add((project.Id, expert.Id));
                load[expert.Id]++;
            }
            var has = project.Assigned.Count + chosen.Count;
            if (has < project.Needed)
                shortfalls.Add(new Shortfall(project.Id, project.Number, project.Needed, has, WhyShort(project, index, conflicts[project.Id], full.Count, matching.Count + project.Assigned.Count)));
        }
        return new AssignmentPlan(assignments, exclusions, shortfalls);
    }

    /// <summary>Why an expert may not review an application, or null when nothing stands in the way.</summary>
    public static (ExclusionReason Reason, string Detail)? ConflictOf(Project project, PoolExpert expert)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(expert);
        if (project.Barred.Contains(expert.Id)) return (ExclusionReason.Barred, "已声明与该项目存在利益冲突或已被替换，不再分配");
        if (OrganisationNames.Same(expert.Organisation, project.Organisation)) return (ExclusionReason.OwnOrganisation, $"专家工作单位“{expert.Organisation}”即申报单位");
        if (expert.AvoidOrganisations.FirstOrDefault(a => OrganisationNames.Same(a, project.Organisation)) is { } avoided)
            return (ExclusionReason.DeclaredAvoidance, $"专家声明回避“{avoided}”");
        if (project.Avoided.FirstOrDefault(a => a.Name.Trim() == expert.Name.Trim() && (a.Organisation is null || OrganisationNames.Same(a.Organisation, expert.Organisation))) is { } asked)
            return (ExclusionReason.ApplicantRequest, $"申报单位申请回避“{asked.Name}”" + (asked.Organisation is null ? "" : $"（{asked.Organisation}）"));
        if (project.Partners.FirstOrDefault(p => OrganisationNames.Same(p, expert.Organisation)) is { } partner)
            return (ExclusionReason.Partner, $"专家工作单位“{partner}”是本项目的合作单位");
        if (expert.AvoidOrganisations.FirstOrDefault(a => project.Partners.Any(p => OrganisationNames.Same(a, p))) is { } avoidedPartner)
            return (ExclusionReason.DeclaredAvoidance, $"专家声明回避的“{avoidedPartner}”是本项目的合作单位");
        return null;
    }

    private static string WhyShort(Project project, PoolIndex index, Dictionary<int, (ExclusionReason Reason, string Detail)> conflicts, int full, int available)
    {
        var inField = index.InField(project.Field);
        if (inField.Count == 0) return $"专家库中没有专业领域为“{project.Field}”的专家";
        var parts = new List<string> { $"专业领域为“{project.Field}”的专家 {inField.Count} 人" };
        var fieldConflicts = inField.Where(e => conflicts.ContainsKey(e.Id)).GroupBy(e => conflicts[e.Id].Reason).OrderBy(g => g.Key).ToList();
        foreach (var group in fieldConflicts) parts.Add($"{Label(group.Key)} {group.Count()} 人");
        if (full > 0) parts.Add($"已达评审上限 {full} 人");
        parts.Add($"可评审 {available - full} 人，需 {project.Needed} 人");
        return string.Join("；", parts);
    }

    /// <summary>
    /// The pool looked up instead of scanned: its experts by field, and by the organisation keys and names a conflict
    /// can rest on — so that a call of tens of thousands of applications does not compare each with every expert.
    /// </summary>
    private sealed class PoolIndex
    {
        private readonly Dictionary<string, List<PoolExpert>> byField = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<PoolExpert>> byUnit = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<PoolExpert>> byAvoided = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<PoolExpert>> byName = new(StringComparer.Ordinal);
        private readonly Dictionary<int, int> order = [];
        private readonly Dictionary<int, PoolExpert> byId = [];

        public PoolIndex(IReadOnlyList<PoolExpert> pool)
        {
            foreach (var (expert, i) in pool.Select((e, i) => (e, i)))
            {
                order[expert.Id] = i;
                byId[expert.Id] = expert;
                foreach (var field in expert.Fields.Distinct(StringComparer.Ordinal)) Add(byField, field, expert);
                Add(byUnit, OrganisationNames.Key(expert.Organisation), expert);
                foreach (var unit in expert.AvoidOrganisations.Select(OrganisationNames.Key).Distinct(StringComparer.Ordinal)) Add(byAvoided, unit, expert);
                Add(byName, expert.Name.Trim(), expert);
            }
        }

        private static void Add(Dictionary<string, List<PoolExpert>> map, string key, PoolExpert expert)
        {
            if (!map.TryGetValue(key, out var list)) map[key] = list = [];
            list.Add(expert);
        }

        public List<PoolExpert> InField(string field) => byField.GetValueOrDefault(field) ?? [];

        /// <summary>Every expert ConflictOf could find a conflict for (a superset), in the pool's order.</summary>
        public IEnumerable<PoolExpert> MayConflict(Project project)
        {
            var units = new[] { project.Organisation }.Concat(project.Partners).Select(OrganisationNames.Key).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            var found = new HashSet<PoolExpert>();
            foreach (var unit in units)
            {
                found.UnionWith(byUnit.GetValueOrDefault(unit) ?? []);
                found.UnionWith(byAvoided.GetValueOrDefault(unit) ?? []);
            }
            foreach (var person in project.Avoided) found.UnionWith(byName.GetValueOrDefault(person.Name.Trim()) ?? []);
            foreach (var barred in project.Barred) if (byId.TryGetValue(barred, out var expert)) found.Add(expert);
            return found.OrderBy(e => order[e.Id]);
        }
    }

    public static string Label(ExclusionReason reason) => reason switch
    {
        ExclusionReason.OwnOrganisation => "本单位回避",
        ExclusionReason.DeclaredAvoidance => "专家声明回避",
        ExclusionReason.ApplicantRequest => "申报单位申请回避",
        ExclusionReason.Partner => "合作单位回避",
        ExclusionReason.Barred => "已声明冲突或已替换",
        ExclusionReason.LoadLimit => "已达评审上限",
        _ => reason.ToString(),
    };
}
