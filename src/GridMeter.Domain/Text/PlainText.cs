using System.Buffers;
using System.Globalization;
using System.Text;

namespace GridMeter.Domain.Text;

/// <summary>
/// Display text people type (names, addresses, models): refuses control and format characters
/// and the characters markup, templates and query languages are built from, so nothing stored
/// can turn into a script or a query fragment where a later reader forgets to escape it. Names
/// with an apostrophe use the typographic one (O’Brien).
/// </summary>
public static class PlainText
{
    private static readonly SearchValues<char> Markup = SearchValues.Create("<>\"'`;\\{}$=|[]^");

    /// <summary>1 to <paramref name="maxLength"/> characters, no markup, no control or format characters, no outer spaces.</summary>
    public static bool IsValid(string text, int maxLength)
    {
        if (text.Length == 0 || text.Length > maxLength || text.AsSpan().ContainsAny(Markup) || text.Trim().Length != text.Length)
        {
            return false;
        }
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            // A lone surrogate is no character at all; databases refuse it or store garbage.
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != OperationStatus.Done
                || Rune.IsControl(rune)
                || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                return false;
            }
            rest = rest[used..];
        }
        // SQL comment openers, refused even though every query here is parameterised.
        return !text.Contains("--", StringComparison.Ordinal) && !text.Contains("/*", StringComparison.Ordinal);
    }
}
