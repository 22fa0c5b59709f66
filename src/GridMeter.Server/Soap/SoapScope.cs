using GridMeter.Domain.Meters;
using GridMeter.Server.Auth;
using GridMeter.Server.Meters;

namespace GridMeter.Server.Soap;

/// <summary>The REST API's visibility rules, applied to a SOAP call: someone else's meter is "not found".</summary>
public static class SoapScope
{
    /// <summary>The meter named by the call's meterId that its person may see, or a fault.</summary>
    public static async Task<(Meter? Meter, SoapFault? Fault)> VisibleMeterAsync(SoapCall call, string? meterId, CancellationToken cancellationToken)
    {
        if (call.Person is not { } person)
        {
            return (null, SoapFault.Forbidden("A device may only add its own readings (AddService)"));
        }
        if (meterId is null || !MeterId.IsValid(meterId))
        {
            return (null, SoapFault.NotFound($"meter '{meterId}'"));
        }
        var meter = await call.Get<MeterDirectory>().FindVisibleAsync(meterId, person, cancellationToken);
        return meter is null ? (null, SoapFault.NotFound($"meter '{meterId}'")) : (meter, null);
    }

    /// <summary>As <see cref="VisibleMeterAsync"/>, for a change: operators and read-only keys are refused, and only the roles listed admitted.</summary>
    public static async Task<(Meter? Meter, SoapFault? Fault)> ChangeableMeterAsync(
        SoapCall call, string? meterId, string[] roles, CancellationToken cancellationToken)
    {
        var (meter, fault) = await VisibleMeterAsync(call, meterId, cancellationToken);
        if (fault is not null)
        {
            return (null, fault);
        }
        if (!call.Person!.MayChange || !roles.Contains(call.Person.Role))
        {
            return (null, SoapFault.Forbidden($"The role '{call.Person.Role}'{(call.Person.ReadOnly ? " with a read-only key" : "")} may not do this"));
        }
        return (meter, null);
    }
}
