using System.ComponentModel.DataAnnotations;

namespace GridMeter.Server.Accounts;

/// <summary>GridMeter:Accounts — rules for the accounts people create.</summary>
public sealed class AccountsOptions
{
    public const string Section = "GridMeter:Accounts";

    /// <summary>Shortest password accepted for a new account or a password change.</summary>
    [Range(8, 128)]
    public int MinPasswordLength { get; set; } = 10;
}
