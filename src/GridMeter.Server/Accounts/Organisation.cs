namespace GridMeter.Server.Accounts;

/// <summary>A supplier (owns meters, bills customers) or a network operator (runs the grid).</summary>
public sealed record Organisation(string Id, string Name, string Kind)
{
    public const string SupplierKind = "supplier";
    public const string NetworkOperatorKind = "networkOperator";
}
