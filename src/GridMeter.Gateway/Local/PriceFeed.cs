namespace GridMeter.Gateway.Local;

/// <summary>
/// An external price feed the head-end forwards on gateways/{id}/prices, in the tariff document's
/// dynamicPrices shape: {"currency":"EUR","prices":[{"from":"…","price":0.21}]}.
/// </summary>
public sealed record PriceFeed(string Currency, IReadOnlyList<PriceStep> Prices);

public sealed record PriceStep(DateTimeOffset From, decimal Price);
