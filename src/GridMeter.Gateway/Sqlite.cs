namespace GridMeter.Gateway;

/// <summary>The gateway's SQLite files (outbox, snapshot log).</summary>
internal static class Sqlite
{
    /// <summary>
    /// A connection string for a database file, unpooled (one long-lived connection each). Written by
    /// hand: the connection string builder quotes values with a regular expression, and loading the
    /// regex engine for two strings costs the board about a megabyte. The path is quoted, an embedded
    /// quote doubled, as the connection string grammar reads it.
    /// </summary>
    public static string ConnectionString(string path) => $"Data Source=\"{path.Replace("\"", "\"\"", StringComparison.Ordinal)}\";Pooling=False";
}
