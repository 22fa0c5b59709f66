namespace GridMeter.Server.Tests.Accounts;

/// <summary>One kind of caller in the access matrix, with a client carrying its credentials.</summary>
public sealed record WorldCaller(string Name, HttpClient Client, string? Role, bool IsKey = false, bool IsDevice = false)
{
    public bool IsPerson => Role is not null && !IsKey;

    public override string ToString() => Name;
}
