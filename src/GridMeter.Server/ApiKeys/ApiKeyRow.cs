namespace GridMeter.Server.ApiKeys;

/// <summary>
/// Reads a row of api_keys. By hand rather than into a record: read_only is an integer in SQLite
/// and a boolean in PostgreSQL, and SQLite gives no column type at all when there are no rows.
/// </summary>
internal static class ApiKeyRow
{
    public const string Columns = "k.id, k.name, k.organisation_id, k.read_only, k.created_at, k.created_by, k.expires_at, k.revoked_at";

    public static ApiKey ToApiKey(IDictionary<string, object?> row) => new(
        (string)row["id"]!,
        (string)row["name"]!,
        (string)row["organisation_id"]!,
        Convert.ToBoolean(row["read_only"], System.Globalization.CultureInfo.InvariantCulture),
        DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(row["created_at"], System.Globalization.CultureInfo.InvariantCulture)),
        (string)row["created_by"]!,
        Instant(row["expires_at"]),
        Instant(row["revoked_at"]));

    private static DateTimeOffset? Instant(object? milliseconds) => milliseconds is null or DBNull
        ? null
        : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(milliseconds, System.Globalization.CultureInfo.InvariantCulture));
}
