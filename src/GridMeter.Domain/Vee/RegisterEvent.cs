using NodaTime;

namespace GridMeter.Domain.Vee;

/// <summary>
/// At <paramref name="Timestamp"/> the register read <paramref name="Before"/> and then continued
/// from <paramref name="After"/> (Wh). Readings from that instant on are the new register's; consumption
/// across the event is the old register up to Before plus the new one from After.
/// </summary>
public sealed record RegisterEvent(Instant Timestamp, long Before, long After, RegisterEventKind Kind)
{
    /// <summary>What is added to every later reading to make the register continuous.</summary>
    public long Offset => Before - After;
}
