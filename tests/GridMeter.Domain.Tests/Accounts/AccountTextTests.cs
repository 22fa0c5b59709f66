using GridMeter.Domain.Accounts;

namespace GridMeter.Domain.Tests.Accounts;

public sealed class AccountTextTests
{
    [Theory]
    [InlineData("alice", true)]
    [InlineData("alice.rossi@example.org", true)]
    [InlineData("ops_team-2", true)]
    [InlineData("", false)]
    [InlineData(".", false)]
    [InlineData("..", false)]
    [InlineData("alice rossi", false)]
    [InlineData("admin'--", false)]
    [InlineData("al/ice", false)]
    [InlineData("àlice", false)]
    public void Usernames_are_plain_ascii_names(string username, bool valid) => Assert.Equal(valid, AccountText.IsUsername(username));

    [Fact]
    public void A_username_has_at_most_64_characters()
    {
        Assert.True(AccountText.IsUsername(new string('a', 64)));
        Assert.False(AccountText.IsUsername(new string('a', 65)));
    }

    [Theory]
    [InlineData("alice@example.org", true)]
    [InlineData("a.b+alerts@mail.example.co.uk", true)]
    [InlineData("alice@localhost", false)]
    [InlineData("alice example.org", false)]
    [InlineData("alice@exa mple.org", false)]
    [InlineData("<alice@example.org>", false)]
    [InlineData("alice@example.org\r\nBcc: x@y.org", false)]
    public void E_mail_addresses_for_alerts(string email, bool valid) => Assert.Equal(valid, AccountText.IsEmail(email));

    [Theory]
    [InlineData("+393471234567", true)]
    [InlineData("+14155550123", true)]
    [InlineData("3471234567", false)]
    [InlineData("+39 347 1234567", false)]
    [InlineData("+0123456789", false)]
    [InlineData("+1234567890123456", false)]
    public void Mobile_numbers_are_international_e164(string mobile, bool valid) => Assert.Equal(valid, AccountText.IsMobile(mobile));

    [Fact]
    public void A_password_may_hold_anything_within_its_length()
    {
        Assert.True(AccountText.IsPassword("' OR '1'='1 <script>", 10));
        Assert.False(AccountText.IsPassword("too short", 10));
        Assert.False(AccountText.IsPassword(new string('x', 1025), 10));
    }
}
