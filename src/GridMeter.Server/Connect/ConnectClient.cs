namespace GridMeter.Server.Connect;

/// <summary>A registered third-party application: where it receives codes, and its secret as a hash.</summary>
public sealed record ConnectClient(long Key, string ClientId, string Name, string RedirectUri, byte[] SecretHash);
