using Shenbao.Domain.Requests;

namespace Shenbao.Tests.Domain;

/// <summary>Characters 3–8 of a credit code: the registering authority's division, against the city's (430400, 衡阳市).</summary>
public sealed class CreditCodeLocalityTests
{
    [Theory]
    [InlineData("91430408MA7B2C3D4Y", CreditCode.Locality.InCity)]     // 蒸湘区
    [InlineData("91430400MA7B2C3D4Y", CreditCode.Locality.InCity)]     // the city's own authority
    [InlineData("91430482MA7B2C3D4Y", CreditCode.Locality.InCity)]     // 常宁市
    [InlineData("91430000MA7B2C3D4Y", CreditCode.Locality.CannotTell)] // 湖南省
    [InlineData("91100000MA7B2C3D4Y", CreditCode.Locality.CannotTell)] // national
    [InlineData("91430203MA7B2C3D4Y", CreditCode.Locality.Elsewhere)]  // 株洲市芦淞区
    [InlineData("91440300MA7B2C3D4Y", CreditCode.Locality.Elsewhere)]  // 深圳市
    [InlineData("9143A408MA7B2C3D4Y", CreditCode.Locality.CannotTell)] // no division in it
    public void The_registering_authority_is_in_the_city_elsewhere_or_cannot_tell(string code, CreditCode.Locality expected) =>
        Assert.Equal(expected, CreditCode.LocalityOf(code, "430400"));
}
