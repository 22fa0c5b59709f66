namespace GridMeter.Server.Consumption;

/// <summary>
/// One bucket of an aggregate, energies in kWh. Count, min, max and avg are over the parts of the
/// bucket: its 15-minute intervals for a meter or appliance, its members for a node or portfolio.
/// MaxDemandKw is the largest 15-minute interval × 4 (meters and appliances); Share is the value's
/// part of the parent's total (a meter's building, an appliance's meter, a node's parent node).
/// </summary>
public sealed record AggregatePoint(
    string Start, string End, decimal? Value, int Count, decimal? Min, decimal? Max, decimal? Avg, decimal? MaxDemandKw, decimal? Share, string Quality);
