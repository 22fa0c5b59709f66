using GridMeter.Server.Storage;

namespace GridMeter.Server.Readings;

/// <summary>What became of a readings message: stored (with what was new), or quarantined and why.</summary>
public sealed record IngestResult(ReadingWriteOutcome Outcome, string? Rejection)
{
    public bool IsStored => Rejection is null;

    public static IngestResult Stored(ReadingWriteOutcome outcome) => new(outcome, null);

    public static IngestResult Rejected(string reason) => new(default, reason);
}
