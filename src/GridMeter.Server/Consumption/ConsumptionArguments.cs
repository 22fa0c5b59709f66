using GridMeter.Domain.Consumption;
using GridMeter.Domain.Readings;
using NodaTime;

namespace GridMeter.Server.Consumption;

/// <summary>The query parameters every consumption endpoint shares, checked together so every problem is reported at once.</summary>
public sealed record ConsumptionArguments(Instant From, Instant To, BucketSize Size, string Interval, SeriesVersion Version, ObisCode Register, string Flow)
{
    /// <summary>More buckets than this in one answer is refused; ask for a coarser interval.</summary>
    public const int MaxPoints = 50_000;

    public static readonly string[] Flows = ["import", "export", "net"];

    public static ConsumptionArguments? Parse(
        string? from, string? to, string? interval, string? version, string? obis, string? flow, DateTimeZone zone, Dictionary<string, string[]> errors)
    {
        if (!TimeArgument.TryParse(from, zone, out var start))
        {
            errors["from"] = ["required: a local date (2026-11-01) or an RFC 3339 instant with offset"];
        }
        if (!TimeArgument.TryParse(to, zone, out var end))
        {
            errors["to"] = ["required: a local date (2026-11-02, exclusive) or an RFC 3339 instant with offset"];
        }
        var size = TimeArgument.ParseInterval(interval ?? "day");
        if (size is null)
        {
            errors["interval"] = ["one of 15m, hour, day, week, month"];
        }
        if (!SeriesVersion.TryParse(version, out var seriesVersion))
        {
            errors["version"] = ["read, validated, edited or an edit version number"];
        }
        flow ??= "import";
        if (!Flows.Contains(flow))
        {
            errors["flow"] = ["import, export or net"];
        }
        var register = flow == "export" ? ObisCode.ActiveExport : ObisCode.ActiveImport;
        if (obis is not null && (!ObisCode.TryParse(obis, out register) || !register.IsRegister))
        {
            errors["obis"] = ["a register OBIS code such as 1-0:1.8.0"];
        }
        if (errors.Count == 0 && end <= start)
        {
            errors["to"] = ["must be after from"];
        }
        if (errors.Count == 0 && Buckets.CountUpperBound(start, end, size!.Value) > MaxPoints)
        {
            errors["interval"] = [$"more than {MaxPoints} points; ask for a shorter span or a coarser interval"];
        }
        return errors.Count > 0 ? null : new ConsumptionArguments(start, end, size!.Value, interval ?? "day", seriesVersion, register, obis is null ? flow : "register");
    }
}
