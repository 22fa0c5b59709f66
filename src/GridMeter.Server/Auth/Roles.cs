namespace GridMeter.Server.Auth;

/// <summary>The four kinds of people who log in (CONTRACT section 3).</summary>
public static class Roles
{
    public const string Consumer = "consumer";
    public const string Supplier = "supplier";
    public const string Operator = "operator";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Consumer, Supplier, Operator, Admin];
}
