namespace GridMeter.Domain.Firmware;

/// <summary>
/// The thresholds between waves: the next wave opens once <c>successPercent</c> of the current
/// wave activated; the rollout pauses as soon as <c>errorPercent</c> of it failed, so a bad image
/// reaches no more meters than the first wave (hawkBit's success and error conditions).
/// </summary>
public static class RolloutGate
{
    public static RolloutStep Decide(WaveProgress wave, int successPercent, int errorPercent, bool isLastWave)
    {
        if (wave.Total == 0)
        {
            return isLastWave ? RolloutStep.Complete : RolloutStep.OpenNextWave;
        }
        // Integer cross-multiplication: 20 % of 10 meters is exactly 2, with no rounding.
        if (wave.Failed * 100L >= errorPercent * (long)wave.Total)
        {
            return RolloutStep.Pause;
        }
        if (wave.Activated * 100L >= successPercent * (long)wave.Total)
        {
            return !isLastWave ? RolloutStep.OpenNextWave : wave.InFlight == 0 ? RolloutStep.Complete : RolloutStep.Wait;
        }
        return wave.InFlight == 0 ? RolloutStep.Pause : RolloutStep.Wait;
    }

    /// <summary>Null when the thresholds make sense: success 1–100, error 1–100.</summary>
    public static string? Check(int successPercent, int errorPercent) =>
        successPercent is < 1 or > 100 ? "'successThreshold' must be a percentage from 1 to 100"
        : errorPercent is < 1 or > 100 ? "'errorThreshold' must be a percentage from 1 to 100"
        : null;
}
