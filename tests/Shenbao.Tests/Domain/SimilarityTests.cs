using Shenbao.Domain.Applications;

namespace Shenbao.Tests.Domain;

public sealed class SimilarityTests
{
    private const string Summary = "研究功能金属有机框架材料的可控合成方法，建立从前驱体设计到晶体生长的完整工艺，形成可用于气体分离和催化的新材料体系。";

    private static double Between(string a, string b) => Similarity.Estimate(Similarity.Signature(a)!, Similarity.Signature(b)!);

    private static double Jaccard(string a, string b)
    {
        var (x, y) = (Similarity.Shingles(a), Similarity.Shingles(b));
        return x.Intersect(y).Count() / (double)x.Union(y).Count();
    }

    [Fact]
    public void The_same_text_is_one_whatever_its_spacing_punctuation_and_case()
    {
        Assert.Equal(1.0, Between("功能金属有机框架材料的可控合成", "功能金属 有机框架材料的可控合成。"));
        Assert.Equal(1.0, Between("MOF 材料", "mof材料"));
        Assert.Equal(Similarity.Write(Similarity.Signature(Summary)!), Similarity.Write(Similarity.Signature(Summary)!));
    }

    [Fact]
    public void A_lightly_edited_copy_scores_high_and_an_unrelated_text_low_close_to_the_true_jaccard()
    {
        var edited = Summary.Replace("气体分离和催化", "气体分离与催化", StringComparison.Ordinal);
        var unrelated = "开发智能称重传感器数据采集与分析平台，形成可推广的智能衡器物联网解决方案，服务本地计量企业。";

        Assert.InRange(Between(Summary, edited), Jaccard(Summary, edited) - 0.2, Jaccard(Summary, edited) + 0.2);
        Assert.True(Between(Summary, edited) >= 0.7, $"an edited copy estimated at {Between(Summary, edited)}");
        Assert.True(Between(Summary, unrelated) <= 0.15, $"an unrelated text estimated at {Between(Summary, unrelated)}");
    }

    [Fact]
    public void Near_duplicates_share_a_band_and_unrelated_texts_do_not()
    {
        var a = Similarity.BandHashes(Similarity.Signature(Summary)!);
        var b = Similarity.BandHashes(Similarity.Signature(Summary.Replace("完整工艺", "全套工艺", StringComparison.Ordinal))!);
        var c = Similarity.BandHashes(Similarity.Signature("湘江流域重金属污染土壤修复关键技术研究与示范应用，建立原位修复技术体系。")!);

        Assert.Equal(Similarity.Bands, a.Length);
        Assert.True(a.Intersect(b).Any());
        Assert.False(a.Intersect(c).Any());
    }

    [Fact]
    public void A_signature_reads_back_as_stored_and_an_empty_text_has_none()
    {
        var signature = Similarity.Signature(Summary)!;
        Assert.Equal(signature, Similarity.Read(Similarity.Write(signature)));
        Assert.Null(Similarity.Signature("  ，。 "));
        Assert.Throws<FormatException>(() => Similarity.Read("abc"));
    }
}
