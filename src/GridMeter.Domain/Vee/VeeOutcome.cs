namespace GridMeter.Domain.Vee;

/// <summary>What validation and estimation decided for a span: rollovers found, suspect spans, gap estimates.</summary>
public sealed record VeeOutcome(IReadOnlyList<RegisterEvent> Rollovers, IReadOnlyList<VeeFlag> Flags, IReadOnlyList<CurvePatch> Estimates);
