using System.Text;
using Dapper;
using GridMeter.Server.Auth;
using GridMeter.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridMeter.Server.Quarantine;

public static class QuarantineApi
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    public static IEndpointRouteBuilder MapQuarantine(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/quarantine", ListAsync)
            .WithTags("Quarantine")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Admin))
            .WithSummary("Rejected device messages with their reason, newest first (admin); optional meterId, before, limit");
        return app;
    }

    private static async Task<Results<Ok<QuarantineList>, ValidationProblem>> ListAsync(
        string? meterId, long? before, int? limit, IDatabase database, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 500)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["1 to 500"] });
        }
        var take = limit ?? 50;
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<(long Key, long ReceivedAt, string? MeterId, string Source, string Reason, byte[] Payload, bool PayloadTruncated)>(
            new CommandDefinition(
                """
                SELECT key, received_at, meter_id, source, reason, payload, payload_truncated FROM quarantine
                WHERE (@meterId IS NULL OR meter_id = @meterId) AND (@before IS NULL OR key < @before)
                ORDER BY key DESC LIMIT @take
                """,
                new { meterId, before, take }, cancellationToken: cancellationToken))).ToList();
        var items = rows.Select(r =>
        {
            var (text, encoding) = Describe(r.Payload);
            return new QuarantinedMessage(r.Key, DateTimeOffset.FromUnixTimeMilliseconds(r.ReceivedAt), r.MeterId, r.Source, r.Reason, text, encoding, r.PayloadTruncated);
        }).ToList();
        return TypedResults.Ok(new QuarantineList(items, rows.Count == take ? rows[^1].Key : null));
    }

    private static (string Text, string Encoding) Describe(byte[] payload)
    {
        try
        {
            return (StrictUtf8.GetString(payload), "utf-8");
        }
        catch (DecoderFallbackException)
        {
            return (Convert.ToBase64String(payload), "base64");
        }
    }
}
