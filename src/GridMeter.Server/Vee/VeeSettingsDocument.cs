namespace GridMeter.Server.Vee;

/// <summary>GET/PUT /api/v1/organisations/{id}/vee-settings: a supplier's validation thresholds.</summary>
public sealed record VeeSettingsDocument(
    int FlatLineHours, decimal SpikeMadFactor, long SpikeFloorWh, int ProfileMinSamples, int ClockDriftSeconds, int MaxAheadSeconds);
