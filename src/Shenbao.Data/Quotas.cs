using System.Linq.Expressions;
using Shenbao.Domain.Applications;

namespace Shenbao.Data;

/// <summary>Which applications hold a place of their district's recommendation quota, as a query the database runs.</summary>
public static class Quotas
{
    /// <summary><see cref="Recommendation.HoldsQuota"/> as SQL: recommended and still standing, or returned by the bureau after recommendation.</summary>
    public static readonly Expression<Func<Application, bool>> Holding = a =>
        Recommendation.Past.Contains(a.Status) || (a.Status == ApplicationStatus.Returned && a.ReturnedFrom == ApplicationStatus.Recommended);
}
