using GridMeter.Server.Auth;
using GridMeter.Server.Outages;
using GridMeter.Server.WebPortal.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace GridMeter.Server.WebPortal;

/// <summary>The network operator's outages, newest first, open or restored; read only.</summary>
public static class PortalOperatorApi
{
    public const int OutageLimit = 100;

    public static RouteGroupBuilder MapPortalOperator(this RouteGroupBuilder portal)
    {
        portal.MapGet("/outages", OutagesAsync).RequireAccess(Access.ScopedTo(Roles.Operator, Roles.Admin));
        return portal;
    }

    private static async Task<Results<RazorComponentResult<OutagesPage>, ProblemHttpResult>> OutagesAsync(
        HttpContext http, IAntiforgery antiforgery, OutageRecords records, TimeProvider clock, CancellationToken cancellationToken, string? status = null)
    {
        status ??= "";
        if (status is not ("" or "open" or "restored"))
        {
            return TypedResults.Problem("status: open or restored (empty: both)", statusCode: StatusCodes.Status400BadRequest);
        }
        bool? open = status.Length == 0 ? null : status == "open";
        var end = Instant.FromDateTimeOffset(clock.GetUtcNow()) + Duration.FromDays(1);
        var items = await records.ListAsync(Caller.From(http.User)!, open, Instant.FromUnixTimeMilliseconds(0), end, OutageLimit, cancellationToken);
        return new RazorComponentResult<OutagesPage>(new { View = PortalView.For(http, antiforgery), Status = status, Items = items });
    }
}
