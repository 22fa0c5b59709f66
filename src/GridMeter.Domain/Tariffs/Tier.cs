namespace GridMeter.Domain.Tariffs;

/// <summary>A monthly block: kWh of a local calendar month up to <see cref="UpToKwh"/> (cumulative; null for the rest) at <see cref="Price"/>.</summary>
public sealed record Tier(decimal? UpToKwh, decimal Price);
