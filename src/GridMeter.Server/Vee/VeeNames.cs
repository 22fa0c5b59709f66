using GridMeter.Domain.Vee;

namespace GridMeter.Server.Vee;

/// <summary>The names rules and register events have in storage and in the API.</summary>
public static class VeeNames
{
    public static string Of(VeeRule rule) => rule switch
    {
        VeeRule.ConflictingDuplicate => "conflicting_duplicate",
        VeeRule.RegisterDecreased => "register_decreased",
        VeeRule.AbovePhysicalLimit => "above_physical_limit",
        VeeRule.OutsideProfile => "outside_profile",
        VeeRule.FlatLine => "flat_line",
        VeeRule.ClockDrift => "clock_drift",
        _ => "future_timestamp",
    };

    public static VeeRule RuleOf(string name) => Enum.GetValues<VeeRule>().First(r => Of(r) == name);

    public static string Of(RegisterEventKind kind) => kind switch
    {
        RegisterEventKind.Rollover => "rollover",
        RegisterEventKind.Exchange => "exchange",
        _ => "reset",
    };

    public static RegisterEventKind? KindOf(string? name) => name switch
    {
        "rollover" => RegisterEventKind.Rollover,
        "exchange" => RegisterEventKind.Exchange,
        "reset" => RegisterEventKind.Reset,
        _ => null,
    };
}
