namespace GridMeter.Domain.Billing;

/// <summary>One line of a bill: <see cref="Amount"/> is rounded to the currency's decimals; credits are negative.</summary>
public sealed record BillLine(string Name, decimal Quantity, string Unit, decimal Price, decimal Amount);
