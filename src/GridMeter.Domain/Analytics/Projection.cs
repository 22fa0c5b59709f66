using NodaTime;

namespace GridMeter.Domain.Analytics;

/// <summary>Consumption projected to <paramref name="End"/>: what was used so far and what is still expected.</summary>
public sealed record Projection(Instant End, long SoFarWh, long ExpectedWh)
{
    public long TotalWh => SoFarWh + ExpectedWh;

    /// <summary>The projected total priced at a flat rate per kWh, rounded to the cent.</summary>
    public decimal CostAt(decimal pricePerKwh) => Math.Round(TotalWh / 1000m * pricePerKwh, 2, MidpointRounding.ToEven);
}
