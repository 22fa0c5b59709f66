using System.Data.Common;

namespace GridMeter.Server.Storage;

/// <summary>
/// The seam between GridMeter and its database engine. Feature slices write portable SQL through
/// Dapper on <see cref="OpenAsync"/>; only what no portable SQL does fast lives here.
/// </summary>
public interface IDatabase
{
    StorageProvider Provider { get; }

    /// <summary>An open connection from the pool, ready for reads and small writes.</summary>
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores several batches of readings durably in one transaction (group commit): new readings are
    /// inserted, exact re-sends change nothing, and a re-send with another value is kept as a
    /// conflict. In the same transaction, every (meter, UTC day) that gained a reading or a
    /// conflict is marked dirty in mdm_dirty for the meter-data job, so no change is lost to a crash
    /// between commit and processing. Returns each batch's outcome once committed. Called by one
    /// writer at a time.
    /// </summary>
    Task<ReadingWriteOutcome[]> AppendReadingsAsync(IReadOnlyList<ReadOnlyMemory<StoredReading>> batches, long receivedAtMs, CancellationToken cancellationToken);
}
