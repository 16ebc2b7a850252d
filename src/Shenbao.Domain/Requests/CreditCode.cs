namespace Shenbao.Domain.Requests;

/// <summary>统一社会信用代码 per GB 32100-2015: 18 characters, the last a check character over the first 17.</summary>
public static class CreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly System.Buffers.SearchValues<char> Allowed = System.Buffers.SearchValues.Create(Alphabet);
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Null when the code is well formed, otherwise a Chinese sentence saying what is wrong.</summary>
    public static string? Problem(string code)
    {
        if (code.Length != 18)
            return $"统一社会信用代码应为18位，实际为{code.Length}位";
        // the characters are listed only when one is wrong: a valid code is checked without allocating
        if (code.AsSpan().IndexOfAnyExcept(Allowed) >= 0 && code.Where(c => !Alphabet.Contains(c, StringComparison.Ordinal)).Distinct().ToArray() is var bad)
            return $"统一社会信用代码含有不允许的字符“{string.Concat(bad)}”（只允许数字和除I、O、Z、S、V以外的大写字母）";
        var expected = CheckCharacter(code.AsSpan(0, 17));
        return code[17] == expected
            ? null
            : $"统一社会信用代码校验位错误：第18位应为“{expected}”，实际为“{code[17]}”";
    }

    /// <summary>Characters 3–8: the administrative division of the authority that registered the organisation.</summary>
    public static string Division(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Length >= 8 ? code[2..8] : "";
    }

    /// <summary>
    /// Whether the registering authority lies in the city whose division code is <paramref name="cityDivision"/> (430400:
    /// its counties are 4304xx). A province's own code (xx0000) or the national one (100000) cannot tell.
    /// </summary>
    public static Locality LocalityOf(string code, string cityDivision)
    {
        ArgumentNullException.ThrowIfNull(cityDivision);
        var division = Division(code);
        if (division.Length != 6 || !division.All(char.IsAsciiDigit)) return Locality.CannotTell;
        if (division.StartsWith(cityDivision[..4], StringComparison.Ordinal)) return Locality.InCity;
        return division.EndsWith("0000", StringComparison.Ordinal) ? Locality.CannotTell : Locality.Elsewhere;
    }

    public enum Locality { InCity, CannotTell, Elsewhere }

    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
            sum += Alphabet.IndexOf(first17[i]) * Weights[i];
        return Alphabet[(31 - sum % 31) % 31];
    }
}
