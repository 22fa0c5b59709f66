namespace GridMeter.Simulator.Devices;

/// <summary>What a device needs to log in: its meter id and the secret from provisioning.</summary>
public sealed record DeviceCredentials(string MeterId, string Secret);
