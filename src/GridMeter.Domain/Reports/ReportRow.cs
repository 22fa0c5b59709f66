namespace GridMeter.Domain.Reports;

/// <summary>One line of a report: a local hour, day or an appliance, in kWh (null where nothing was measured).</summary>
public sealed record ReportRow(string Label, decimal? Kwh, decimal? MinKwh = null, decimal? MaxKwh = null, decimal? AvgKwh = null);
