namespace GridMeter.Server.Billing;

/// <summary>Use and cost since the last bill up to now, and both projected to the end of the billing cycle at the pace so far.</summary>
public sealed record SinceLastBillResponse(
    string MeterId, string From, string To, string CycleEnd, decimal ConsumptionKwh, CostResponse Cost, decimal ProjectedKwh, decimal ProjectedTotal);
