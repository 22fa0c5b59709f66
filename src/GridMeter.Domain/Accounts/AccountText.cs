using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;
using GridMeter.Domain.Meters;

namespace GridMeter.Domain.Accounts;

/// <summary>
/// What the text fields of accounts may hold. Identifiers and usernames are strict; free text
/// (names, addresses) refuses control characters and the characters markup and query languages
/// are built from, so nothing stored can turn into a script or a query fragment where a later
/// reader forgets to escape. Names with an apostrophe use the typographic one (O’Brien).
/// Passwords are never shown or interpolated anywhere, so any character is allowed in them.
/// </summary>
public static partial class AccountText
{
    public const int MaxUsernameLength = 64;
    public const int MaxPasswordLength = 1024;
    public const int MaxEmailLength = 254;

    private static readonly SearchValues<char> UsernameCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._@-");

    private static readonly SearchValues<char> Markup = SearchValues.Create("<>\"'`;\\{}$=|[]^");

    /// <summary>Organisation, premises and key ids: the same alphabet as meter ids.</summary>
    public static bool IsIdentifier(ReadOnlySpan<char> id) => MeterId.IsValid(id);

    public static bool IsUsername(ReadOnlySpan<char> username) =>
        username.Length is > 0 and <= MaxUsernameLength && !username.ContainsAnyExcept(UsernameCharacters)
        && username is not "." and not "..";

    /// <summary>Display text: 1 to <paramref name="maxLength"/> characters, no markup, no control or format characters, no outer spaces.</summary>
    public static bool IsFreeText(string text, int maxLength)
    {
        if (text.Length == 0 || text.Length > maxLength || text.AsSpan().ContainsAny(Markup) || text.Trim().Length != text.Length)
        {
            return false;
        }
        foreach (var c in text)
        {
            if (char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                return false;
            }
        }
        // SQL comment openers, refused even though every query here is parameterised.
        return !text.Contains("--", StringComparison.Ordinal) && !text.Contains("/*", StringComparison.Ordinal);
    }

    public static bool IsEmail(string email) => email.Length <= MaxEmailLength && EmailPattern().IsMatch(email);

    /// <summary>E.164: a plus, the country code and the number, 8 to 16 characters in all.</summary>
    public static bool IsMobile(string mobile) => MobilePattern().IsMatch(mobile);

    public static bool IsPassword(string password, int minLength) => password.Length >= minLength && password.Length <= MaxPasswordLength;

    [GeneratedRegex(@"^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})+\z", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}\z", RegexOptions.CultureInvariant)]
    private static partial Regex MobilePattern();
}
