using GridMeter.Server.Auth;

namespace GridMeter.Server.Audit;

/// <summary>
/// One state change: who (a user, a device or the system), did what (a dotted action such as
/// "meter.created"), to which target, from where, with details as a small JSON object.
/// </summary>
public sealed record AuditEntry(string Actor, string Action, string Target, string? Details = null, string? From = null)
{
    /// <summary>An entry for a change <paramref name="caller"/> made through <paramref name="http"/>, from its remote address.</summary>
    public static AuditEntry By(Caller caller, HttpContext http, string action, string target, string? details = null) =>
        new(caller.Actor, action, target, details, AddressOf(http));

    public static string? AddressOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString();
}
