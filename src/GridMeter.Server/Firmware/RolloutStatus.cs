namespace GridMeter.Server.Firmware;

/// <summary>running → paused ⇄ running → completed; cancelled from running or paused.</summary>
public static class RolloutStatus
{
    public const string Running = "running";
    public const string Paused = "paused";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
}
