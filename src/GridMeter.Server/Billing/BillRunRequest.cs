namespace GridMeter.Server.Billing;

/// <summary>POST /api/v1/bill-runs: the supplier (a supplier's staff may leave it out) and the month, yyyy-MM.</summary>
public sealed record BillRunRequest(string? SupplierId, string? Month);

/// <summary>What a bill run issued; meters whose month has not ended yet in their time zone are skipped.</summary>
public sealed record BillRunResponse(string Id, string SupplierId, string Month, long Bills, long Notes, int Skipped, string CreatedBy, string CreatedAt);
