namespace GridMeter.Server.Billing;

/// <summary>One bill run of a supplier for a month: how many bills and notes it issued.</summary>
public sealed record BillRun(string Id, string SupplierId, string Month, long Bills, long Notes, string CreatedBy, long CreatedAt);
