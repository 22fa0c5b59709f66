namespace GridMeter.Domain.Firmware;

/// <summary>How the meters of one wave stand: activated, failed (or rolled back), and the rest still on their way.</summary>
public sealed record WaveProgress(int Total, int Activated, int Failed)
{
    public int InFlight => Total - Activated - Failed;
}
