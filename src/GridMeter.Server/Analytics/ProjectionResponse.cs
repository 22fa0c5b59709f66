using GridMeter.Domain.Analytics;

namespace GridMeter.Server.Analytics;

public sealed record ProjectionResponse(DateTimeOffset End, long SoFarWh, long ExpectedWh, long TotalWh, decimal? Cost)
{
    public static ProjectionResponse From(Projection projection, decimal? pricePerKwh) => new(
        projection.End.ToDateTimeOffset(), projection.SoFarWh, projection.ExpectedWh, projection.TotalWh, pricePerKwh is { } price ? projection.CostAt(price) : null);
}
