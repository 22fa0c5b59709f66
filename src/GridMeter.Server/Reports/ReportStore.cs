using System.Security.Cryptography;
using Dapper;
using GridMeter.Domain.Reports;
using GridMeter.Server.Storage;
using NodaTime;

namespace GridMeter.Server.Reports;

/// <summary>Reports kept for the portal, and whether each went out by e-mail.</summary>
public sealed class ReportStore(IDatabase database)
{
    public static bool IsId(string? id) => id is { Length: 27 } && id.StartsWith("rp_", StringComparison.Ordinal) && id[3..].All(char.IsAsciiHexDigitLower);

    public async Task<string> SaveAsync(
        long userKey, string meterId, string kind, string period, LocalDate from, LocalDate to, ReportDocument document, long now, CancellationToken cancellationToken)
    {
        var id = "rp_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO reports (id, user_key, meter_id, kind, period, from_local, to_local, created_at, html, csv)
            VALUES (@id, @userKey, @meterId, @kind, @period, @from, @to, @now, @Html, @Csv)
            """,
            new { id, userKey, meterId, kind, period, from = Date(from), to = Date(to), now, document.Html, document.Csv }, cancellationToken: cancellationToken));
        return id;
    }

    public async Task<IReadOnlyList<ReportSummary>> ListAsync(long userKey, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns()} FROM reports WHERE user_key = @userKey ORDER BY key DESC LIMIT @limit", new { userKey, limit }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.Summary)];
    }

    /// <summary>The report if <paramref name="userKey"/> owns it (null: any owner, for admins).</summary>
    public async Task<(ReportSummary Summary, string Html, string Csv, long UserKey)?> FindAsync(string id, long? userKey, CancellationToken cancellationToken)
    {
        if (!IsId(id))
        {
            return null;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns()}, html AS Html, csv AS Csv FROM reports WHERE id = @id AND (@userKey IS NULL OR user_key = @userKey)",
            new { id, userKey }, cancellationToken: cancellationToken));
        return row is null ? null : (row.Summary, row.Html!, row.Csv!, row.UserKey);
    }

    /// <summary>Reports not yet e-mailed to people who have an address, oldest first.</summary>
    public async Task<IReadOnlyList<(ReportSummary Summary, string Html, string Csv, string Email)>> UnsentAsync(int maxAttempts, Instant since, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT {Columns("r.")}, r.html AS Html, r.csv AS Csv, u.email AS Email FROM reports r JOIN users u ON u.key = r.user_key
            WHERE r.emailed_at IS NULL AND r.email_attempts < @maxAttempts AND r.created_at >= @since AND u.email IS NOT NULL ORDER BY r.key LIMIT 50
            """,
            new { maxAttempts, since = since.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => (r.Summary, r.Html!, r.Csv!, r.Email!))];
    }

    public async Task MarkAsync(string id, bool emailed, long now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE reports SET email_attempts = email_attempts + 1, emailed_at = @emailedAt WHERE id = @id",
            new { id, emailedAt = emailed ? now : (long?)null }, cancellationToken: cancellationToken));
    }

    private static string Columns(string table = "") =>
        $"{table}id AS Id, {table}user_key AS UserKey, {table}meter_id AS MeterId, {table}kind AS Kind, {table}period AS Period, " +
        $"{table}from_local AS FromLocal, {table}to_local AS ToLocal, {table}created_at AS CreatedAt, {table}emailed_at AS EmailedAt";

    private static string Date(LocalDate date) => date.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public long UserKey { get; set; }
        public string MeterId { get; set; } = "";
        public string Kind { get; set; } = "";
        public string Period { get; set; } = "";
        public string FromLocal { get; set; } = "";
        public string ToLocal { get; set; } = "";
        public long CreatedAt { get; set; }
        public long? EmailedAt { get; set; }
        public string? Html { get; set; }
        public string? Csv { get; set; }
        public string? Email { get; set; }

        public ReportSummary Summary => new(Id, MeterId, Kind, Period, FromLocal, ToLocal, DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
            EmailedAt is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null);
    }
}
