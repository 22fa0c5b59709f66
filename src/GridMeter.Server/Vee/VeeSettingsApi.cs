using GridMeter.Domain.Vee;
using GridMeter.Server.Accounts;
using GridMeter.Server.Audit;
using GridMeter.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridMeter.Server.Vee;

public static class VeeSettingsApi
{
    public static IEndpointRouteBuilder MapVeeSettings(this IEndpointRouteBuilder app)
    {
        var settings = app.MapGroup("/api/v1/organisations/{id}/vee-settings").WithTags("Meter data (VEE)");
        settings.MapGet("/", GetAsync).RequireAccess(Access.Read(Resources.Organisation, Roles.Supplier, Roles.Admin))
            .WithSummary("(the supplier's staff, admin) The supplier's validation thresholds, or the defaults");
        settings.MapPut("/", PutAsync).RequireAccess(Access.Change(Resources.Organisation, Roles.Supplier, Roles.Admin))
            .WithSummary("(the supplier's staff, admin) Set the supplier's validation thresholds; they apply from the next validation run");
        return app;
    }

    private static async Task<Results<Ok<VeeSettingsDocument>, NotFound>> GetAsync(
        string id, HttpContext http, Organisations organisations, VeeSettingsStore store, CancellationToken cancellationToken)
    {
        if (!await IsConfigurableAsync(id, Caller.From(http.User)!, organisations, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        var s = await store.ForSupplierAsync(id, cancellationToken);
        return TypedResults.Ok(new VeeSettingsDocument(s.FlatLineHours, s.SpikeMadFactor, s.SpikeFloorWh, s.ProfileMinSamples, s.ClockDriftSeconds, s.MaxAheadSeconds));
    }

    private static async Task<Results<Ok<VeeSettingsDocument>, NotFound, ValidationProblem>> PutAsync(
        string id, VeeSettingsDocument document, HttpContext http, Organisations organisations, VeeSettingsStore store, AuditLog audit, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        if (!await IsConfigurableAsync(id, caller, organisations, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        var errors = new Dictionary<string, string[]>();
        Check(errors, "flatLineHours", document.FlatLineHours is >= 0 and <= 10_000, "0 (off) to 10000");
        Check(errors, "spikeMadFactor", document.SpikeMadFactor is >= 0 and <= 1000, "0 (off) to 1000");
        Check(errors, "spikeFloorWh", document.SpikeFloorWh is >= 0 and <= 10_000_000, "0 to 10000000");
        Check(errors, "profileMinSamples", document.ProfileMinSamples is >= 1 and <= 100, "1 to 100");
        Check(errors, "clockDriftSeconds", document.ClockDriftSeconds is >= 0 and <= 3600, "0 (off) to 3600");
        Check(errors, "maxAheadSeconds", document.MaxAheadSeconds is >= 0 and <= 86_400, "0 to 86400");
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var settings = new VeeSettings(document.FlatLineHours, document.SpikeMadFactor, document.SpikeFloorWh, document.ProfileMinSamples,
            document.ClockDriftSeconds, document.MaxAheadSeconds);
        await store.SaveAsync(id, settings, clock.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        await audit.RecordAsync(new AuditEntry($"user:{caller.Username}", "vee.settings_changed", $"organisation:{id}", null,
            http.Connection.RemoteIpAddress?.ToString()), cancellationToken);
        return TypedResults.Ok(document);
    }

    /// <summary>Only a supplier has thresholds, and only its staff and admins see them; anyone else gets 404 alike.</summary>
    private static async Task<bool> IsConfigurableAsync(string id, Caller caller, Organisations organisations, CancellationToken cancellationToken) =>
        VeeAccess.CanConfigure(caller, id) && (await organisations.FindAsync(id, cancellationToken))?.Kind == Organisation.SupplierKind;

    private static void Check(Dictionary<string, string[]> errors, string field, bool ok, string range)
    {
        if (!ok)
        {
            errors[field] = [range];
        }
    }
}
