namespace GridMeter.Server.Accounts;

/// <summary>A page of users.</summary>
public sealed record UserList(IReadOnlyList<UserResponse> Items, int Offset, int Limit);
