using System.Text;

namespace Shenbao.Domain.Eligibility;

/// <summary>
/// A Chinese message from the guide file with {placeholders}, compiled once against the names its rule kind
/// offers, so that rendering is a walk over literal parts and slots.
/// </summary>
public sealed class Template
{
    private readonly string[] literals;
    private readonly int[] slots;

    private Template(string source, string[] literals, int[] slots)
    {
        Source = source;
        this.literals = literals;
        this.slots = slots;
    }

    public string Source { get; }

    /// <summary>Compiles <paramref name="source"/>; a placeholder that names nothing offered is returned as an error.</summary>
    public static (Template? Template, string? Error) Compile(string source, IReadOnlyList<string> names)
    {
        var literals = new List<string>();
        var slots = new List<int>();
        var literal = new StringBuilder();
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] != '{') { literal.Append(source[i]); continue; }
            var close = source.IndexOf('}', i);
            if (close < 0) return (null, $"消息模板中的“{{”没有对应的“}}”：{source}");
            var name = source[(i + 1)..close];
            var slot = IndexOf(names, name);
            if (slot < 0)
                return (null, names.Count == 0
                    ? $"消息模板中的占位符{{{name}}}无对应数据：此处不可使用占位符"
                    : $"消息模板中的占位符{{{name}}}无对应数据，可用：{string.Join("、", names.Select(n => $"{{{n}}}"))}");
            literals.Add(literal.ToString());
            literal.Clear();
            slots.Add(slot);
            i = close;
        }
        literals.Add(literal.ToString());
        return (new Template(source, [.. literals], [.. slots]), null);
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
            if (names[i] == name) return i;
        return -1;
    }

    /// <summary>Whether the message shows the value of <paramref name="slot"/> (so a rule can skip computing it).</summary>
    public bool Uses(int slot) => Array.IndexOf(slots, slot) >= 0;

    public string Render(params ReadOnlySpan<string> values)
    {
        if (slots.Length == 0) return literals[0];
        // "{details}" and the like: the value is the message, no copy needed
        if (slots.Length == 1 && literals[0].Length == 0 && literals[1].Length == 0) return values[slots[0]];
        var length = 0;
        foreach (var l in literals) length += l.Length;
        foreach (var s in slots) length += values[s].Length;
        // one allocation: the parts are copied straight into the new string
        Span<char> text = length <= 512 ? stackalloc char[length] : new char[length];
        var at = 0;
        for (var i = 0; i < slots.Length; i++)
        {
            literals[i].CopyTo(text[at..]);
            at += literals[i].Length;
            var value = values[slots[i]];
            value.CopyTo(text[at..]);
            at += value.Length;
        }
        literals[^1].CopyTo(text[at..]);
        return new string(text);
    }
}
