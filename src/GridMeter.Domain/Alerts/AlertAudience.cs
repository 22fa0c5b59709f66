namespace GridMeter.Domain.Alerts;

/// <summary>The people an alert goes to.</summary>
public enum AlertAudience
{
    /// <summary>Exactly the user the condition names (e.g. the consumer who set a threshold).</summary>
    OneUser,

    /// <summary>The consumers of the meter (directly or through their premises).</summary>
    MeterConsumers,

    /// <summary>The consumers of the meter and the staff of its supplier.</summary>
    MeterConsumersAndSupplier,

    /// <summary>The staff of the organisation the condition names.</summary>
    Organisation,
}
