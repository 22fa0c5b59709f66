namespace GridMeter.Domain.Firmware;

/// <summary>What a rollout does next with its current wave.</summary>
public enum RolloutStep
{
    /// <summary>Meters are still updating; neither threshold is reached.</summary>
    Wait,

    /// <summary>Enough meters activated: the next wave starts.</summary>
    OpenNextWave,

    /// <summary>The last wave reached its success threshold and nothing is in flight.</summary>
    Complete,

    /// <summary>Too many failures, or every meter answered without reaching the success threshold: an operator decides.</summary>
    Pause,
}
