namespace GridMeter.Server.Meters;

/// <summary>POST /api/v1/meters. Only id and timeZone are required.</summary>
public sealed record CreateMeterRequest(
    string? Id,
    string? TimeZone,
    int? Phases,
    string? SupplierId,
    string? NetworkOperatorId,
    string? Name,
    string? Model,
    int? ReadingPeriodMinutes,
    int? MaxCurrentA,
    int? NominalVoltageV);
