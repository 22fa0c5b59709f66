namespace GridMeter.Server.Readings;

/// <summary>The answer to a stored readings message: readings new to the store, exact re-sends, and re-sends with another value (kept as conflicts).</summary>
public sealed record ReadingsReceipt(int Accepted, int Duplicates, int Conflicts);
