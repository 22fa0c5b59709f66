using System.Text.Json.Serialization;
using GridMeter.Server.Devices;

namespace GridMeter.Server.Meters;

/// <summary>A meter as the API shows it; the device secret appears only in the answer to its creation.</summary>
public sealed record MeterResponse(
    string Id,
    string TimeZone,
    int Phases,
    string? SupplierId,
    string? NetworkOperatorId,
    string? Name,
    string? Model,
    int ReadingPeriodMinutes,
    int MaxCurrentA,
    int NominalVoltageV,
    DateTimeOffset CreatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DeviceSecret = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] MeterStatusResponse? Status = null)
{
    public static MeterResponse From(Meter meter, string? deviceSecret = null, MeterStatusResponse? status = null) => new(
        meter.Id,
        meter.TimeZone.Id,
        meter.Phases,
        meter.SupplierId,
        meter.NetworkOperatorId,
        meter.Name,
        meter.Model,
        meter.ReadingPeriodMinutes,
        meter.MaxCurrentA,
        meter.NominalVoltageV,
        meter.CreatedAt.ToDateTimeOffset(),
        deviceSecret,
        status);
}
