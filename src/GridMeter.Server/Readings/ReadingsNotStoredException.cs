namespace GridMeter.Server.Readings;

/// <summary>Storage failed underneath a commit: the readings were not stored and the sender must retry.</summary>
public sealed class ReadingsNotStoredException(string message, Exception inner) : Exception(message, inner);
