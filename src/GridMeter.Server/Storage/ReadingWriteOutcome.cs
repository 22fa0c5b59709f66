namespace GridMeter.Server.Storage;

/// <summary>What one append did: readings new to the store, exact re-sends, and re-sends with another value.</summary>
public readonly record struct ReadingWriteOutcome(int Inserted, int Duplicates, int Conflicts)
{
    public static ReadingWriteOutcome operator +(ReadingWriteOutcome a, ReadingWriteOutcome b) =>
        new(a.Inserted + b.Inserted, a.Duplicates + b.Duplicates, a.Conflicts + b.Conflicts);
}
