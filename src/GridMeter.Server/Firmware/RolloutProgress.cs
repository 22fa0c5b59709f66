namespace GridMeter.Server.Firmware;

/// <summary>Meters by update state, and the share that finished (activated, failed or rolled back) in percent.</summary>
public sealed record RolloutProgress(int Total, int Scheduled, int Downloading, int Verifying, int Installing, int Activated, int Failed, int RolledBack,
    int PercentDone)
{
    public static RolloutProgress Of(IReadOnlyDictionary<string, int> byState)
    {
        int N(string state) => byState.GetValueOrDefault(state);
        var total = byState.Values.Sum();
        var done = N("activated") + N("failed") + N("rolledBack");
        return new(total, N("scheduled"), N("downloading"), N("verifying"), N("installing"), N("activated"), N("failed"), N("rolledBack"),
            total == 0 ? 100 : done * 100 / total);
    }
}
