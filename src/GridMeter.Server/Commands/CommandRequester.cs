using GridMeter.Server.Audit;
using GridMeter.Server.Auth;

namespace GridMeter.Server.Commands;

/// <summary>
/// Who asks for (or approves) a command: a person or API key calling the API, or GridMeter itself
/// (billing disconnecting a prepaid meter, a firmware rollout), named in the audit log as
/// "system:billing", "system:firmware" ….
/// </summary>
public sealed record CommandRequester(string Actor, string Role, long UserKey, bool IsPerson, bool IsSystem, string? From)
{
    /// <summary>A caller of the HTTP API.</summary>
    public static CommandRequester Of(Caller caller, HttpContext http) =>
        new(caller.Actor, caller.Role, caller.UserKey, caller.IsPerson, IsSystem: false, AuditEntry.AddressOf(http));

    /// <summary>GridMeter itself, acting for <paramref name="feature"/> (e.g. "billing"); may switch supply like supplier staff.</summary>
    public static CommandRequester System(string feature) =>
        new($"{AuditLog.System}:{feature}", Roles.Supplier, 0, IsPerson: false, IsSystem: true, From: null);
}
