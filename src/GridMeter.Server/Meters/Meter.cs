using NodaTime;

namespace GridMeter.Server.Meters;

/// <summary>A provisioned meter as the server keeps it; the device secret only as its hash.</summary>
public sealed record Meter(
    long Key,
    string Id,
    DateTimeZone TimeZone,
    int Phases,
    byte[] SecretHash,
    string? SupplierId,
    string? NetworkOperatorId,
    string? Name,
    string? Model,
    int ReadingPeriodMinutes,
    int MaxCurrentA,
    int NominalVoltageV,
    Instant CreatedAt)
{
    public Duration ReadingPeriod => Duration.FromMinutes(ReadingPeriodMinutes);
}
