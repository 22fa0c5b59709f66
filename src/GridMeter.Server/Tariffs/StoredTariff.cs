namespace GridMeter.Server.Tariffs;

/// <summary>A supplier's tariff as stored: its document in JSON.</summary>
public sealed record StoredTariff(string Id, string SupplierId, string Name, string Document, long CreatedAt, long UpdatedAt);
