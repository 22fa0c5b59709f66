using GridMeter.Domain.Meters;
using GridMeter.Domain.Text;
using GridMeter.Server.Auth;
using NodaTime;

namespace GridMeter.Server.Meters;

/// <summary>Checks a new meter's fields; every problem is reported at once, keyed by field name.</summary>
public static class MeterValidation
{
    public static readonly int[] ReadingPeriods = [1, 5, 10, 15, 30, 60];

    public static Dictionary<string, string[]> Check(CreateMeterRequest request, Caller caller)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Id is null || !MeterId.IsValid(request.Id))
        {
            errors["id"] = ["required; 1 to 64 characters from A-Z a-z 0-9 . _ -"];
        }
        if (request.TimeZone is null || DateTimeZoneProviders.Tzdb.GetZoneOrNull(request.TimeZone) is null)
        {
            errors["timeZone"] = ["required; an IANA time zone such as Europe/Rome"];
        }
        if (request.Phases is not (null or 1 or 3))
        {
            errors["phases"] = ["1 or 3"];
        }
        if (request.ReadingPeriodMinutes is { } period && !ReadingPeriods.Contains(period))
        {
            errors["readingPeriodMinutes"] = [$"one of {string.Join(", ", ReadingPeriods)}"];
        }
        if (request.MaxCurrentA is { } current and (< 1 or > 10_000))
        {
            errors["maxCurrentA"] = ["between 1 and 10000"];
        }
        if (request.NominalVoltageV is { } voltage and (< 50 or > 1_000))
        {
            errors["nominalVoltageV"] = ["between 50 and 1000"];
        }
        if (request.Name is not null && !PlainText.IsValid(request.Name, 200))
        {
            errors["name"] = ["1 to 200 characters of plain text (no markup or quotes)"];
        }
        if (request.Model is not null && !PlainText.IsValid(request.Model, 100))
        {
            errors["model"] = ["1 to 100 characters of plain text (no markup or quotes)"];
        }
        if (request.SupplierId is not null && !MeterId.IsValid(request.SupplierId))
        {
            errors["supplierId"] = ["an organisation id"];
        }
        if (request.NetworkOperatorId is not null && !MeterId.IsValid(request.NetworkOperatorId))
        {
            errors["networkOperatorId"] = ["an organisation id"];
        }
        if (caller.Role == Roles.Supplier && request.SupplierId is not null && !errors.ContainsKey("supplierId") && request.SupplierId != caller.OrganisationId)
        {
            errors["supplierId"] = ["a supplier provisions meters for itself only"];
        }
        return errors;
    }
}
