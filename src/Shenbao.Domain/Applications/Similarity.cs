using System.Globalization;
using System.Text;

namespace Shenbao.Domain.Applications;

/// <summary>
/// Near-duplicate texts across a call (titles, summaries): character shingles, a MinHash signature that estimates the
/// Jaccard similarity of two texts' shingle sets, and LSH bands so that candidates are found by an indexed lookup
/// instead of a comparison with every other application. Deterministic: the same text gives the same signature in
/// every process (no runtime-seeded string hashing).
/// </summary>
public static class Similarity
{
    /// <summary>Shingle width: three characters suit Chinese, where one character is often a word.</summary>
    public const int ShingleWidth = 3;
    public const int Hashes = 64;
    public const int Bands = 16;
    public const int RowsPerBand = Hashes / Bands;

    /// <summary>The text's shingles, after removing whitespace and punctuation and folding case: what "the same text" means here.</summary>
    public static IReadOnlySet<string> Shingles(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var kept = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
            if (char.IsLetterOrDigit(c)) kept.Append(char.ToLowerInvariant(c));
        var normal = kept.ToString();
        if (normal.Length == 0) return new HashSet<string>();
        if (normal.Length <= ShingleWidth) return new HashSet<string> { normal };
        return Enumerable.Range(0, normal.Length - ShingleWidth + 1).Select(i => normal.Substring(i, ShingleWidth)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The MinHash signature of a text; null for a text with nothing to compare (empty after normalising).</summary>
    public static ulong[]? Signature(string? text)
    {
        var shingles = Shingles(text ?? "");
        if (shingles.Count == 0) return null;
        var signature = Enumerable.Repeat(ulong.MaxValue, Hashes).ToArray();
        foreach (var shingle in shingles)
        {
            var h = Fnv1a(shingle);
            for (var i = 0; i < Hashes; i++)
            {
                var v = Mix(h ^ Seeds[i]);
                if (v < signature[i]) signature[i] = v;
            }
        }
        return signature;
    }

    /// <summary>The estimated Jaccard similarity of the two texts: the share of signature positions that agree.</summary>
    public static double Estimate(IReadOnlyList<ulong> a, IReadOnlyList<ulong> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != Hashes || b.Count != Hashes) throw new ArgumentException($"a signature has {Hashes} values");
        return Enumerable.Range(0, Hashes).Count(i => a[i] == b[i]) / (double)Hashes;
    }

    /// <summary>The signature's band hashes: two texts with any band in common are candidates (at 0.8 similarity, almost surely).</summary>
    public static long[] BandHashes(IReadOnlyList<ulong> signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        return Enumerable.Range(0, Bands).Select(band =>
        {
            var h = 14695981039346656037UL ^ (ulong)band;
            for (var r = 0; r < RowsPerBand; r++) h = Mix(h ^ signature[band * RowsPerBand + r]);
            return unchecked((long)h);
        }).ToArray();
    }

    /// <summary>The signature as stored: hexadecimal, 16 digits per value.</summary>
    public static string Write(IReadOnlyList<ulong> signature) => string.Concat(signature.Select(v => v.ToString("x16", CultureInfo.InvariantCulture)));

    public static ulong[] Read(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (stored.Length != Hashes * 16) throw new FormatException("a stored signature has 64 values of 16 hexadecimal digits");
        return Enumerable.Range(0, Hashes).Select(i => ulong.Parse(stored.AsSpan(i * 16, 16), NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();
    }

    private static readonly ulong[] Seeds = Enumerable.Range(1, Hashes).Select(i => Mix((ulong)i * 0x9E3779B97F4A7C15UL)).ToArray();

    private static ulong Fnv1a(string text)
    {
        var h = 14695981039346656037UL;
        foreach (var c in text)
        {
            h = (h ^ c) * 1099511628211UL;
        }
        return h;
    }

    /// <summary>splitmix64's finaliser: spreads every input bit over the output.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
