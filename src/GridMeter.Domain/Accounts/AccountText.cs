using System.Buffers;
using System.Text.RegularExpressions;
using GridMeter.Domain.Meters;

namespace GridMeter.Domain.Accounts;

/// <summary>
/// What the text fields of accounts may hold. Identifiers, usernames, e-mail addresses and mobile
/// numbers are strict; names and addresses are <see cref="Text.PlainText"/>. Passwords are never
/// shown or interpolated anywhere, so any character is allowed in them.
/// </summary>
public static partial class AccountText
{
    public const int MaxUsernameLength = 64;
    public const int MaxPasswordLength = 1024;
    public const int MaxEmailLength = 254;

    private static readonly SearchValues<char> UsernameCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._@-");

    /// <summary>Organisation, premises and key ids: the same alphabet as meter ids.</summary>
    public static bool IsIdentifier(ReadOnlySpan<char> id) => MeterId.IsValid(id);

    public static bool IsUsername(ReadOnlySpan<char> username) =>
        username.Length is > 0 and <= MaxUsernameLength && !username.ContainsAnyExcept(UsernameCharacters)
        && username is not "." and not "..";

    public static bool IsEmail(string email) => email.Length <= MaxEmailLength && EmailPattern().IsMatch(email);

    /// <summary>E.164: a plus, the country code and the number, 8 to 16 characters in all.</summary>
    public static bool IsMobile(string mobile) => MobilePattern().IsMatch(mobile);

    public static bool IsPassword(string password, int minLength) => password.Length >= minLength && password.Length <= MaxPasswordLength;

    [GeneratedRegex(@"^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})+\z", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}\z", RegexOptions.CultureInvariant)]
    private static partial Regex MobilePattern();
}
