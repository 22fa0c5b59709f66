using NodaTime;

namespace GridMeter.Server.Meters;

/// <summary>A row of the meters table as Dapper reads it.</summary>
internal sealed record MeterRow(
    long Key,
    string Id,
    string TimeZone,
    long Phases,
    byte[] SecretHash,
    string? SupplierId,
    string? NetworkOperatorId,
    string? Name,
    string? Model,
    long ReadingPeriodMinutes,
    long MaxCurrentA,
    long NominalVoltageV,
    long CreatedAt)
{
    public const string Columns =
        "m.key, m.id, m.time_zone, m.phases, m.secret_hash, m.supplier_id, m.network_operator_id, m.name, m.model, " +
        "m.reading_period_minutes, m.max_current_a, m.nominal_voltage_v, m.created_at";

    public Meter ToMeter() => new(
        Key,
        Id,
        DateTimeZoneProviders.Tzdb[TimeZone],
        (int)Phases,
        SecretHash,
        SupplierId,
        NetworkOperatorId,
        Name,
        Model,
        (int)ReadingPeriodMinutes,
        (int)MaxCurrentA,
        (int)NominalVoltageV,
        Instant.FromUnixTimeMilliseconds(CreatedAt));
}
