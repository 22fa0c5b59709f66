namespace GridMeter.Server.Alerts;

/// <summary>Quiet hours as local times "HH:mm"; from after to means across midnight.</summary>
public sealed record QuietHoursDocument(string? From, string? To);

/// <summary>A choice for one alert type and channel.</summary>
public sealed record PreferenceDocument(string? Type, string? Channel, bool? Enabled);

/// <summary>A daily consumption threshold for one meter.</summary>
public sealed record ThresholdDocument(string? MeterId, decimal? DailyKwh);
