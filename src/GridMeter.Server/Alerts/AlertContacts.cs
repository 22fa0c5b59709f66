using System.Data.Common;
using Dapper;
using GridMeter.Domain.Alerts;

namespace GridMeter.Server.Alerts;

/// <summary>Reads what decides a person's channels: their addresses, webhook and choices.</summary>
public static class AlertContacts
{
    public static async Task<AlertContact> LoadAsync(DbConnection connection, DbTransaction? transaction, long userKey, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleAsync<(string? Email, string? Mobile, string? Webhook)>(new CommandDefinition(
            "SELECT u.email, u.mobile, s.webhook_url FROM users u LEFT JOIN alert_settings s ON s.user_key = u.key WHERE u.key = @userKey",
            new { userKey }, transaction, cancellationToken: cancellationToken));
        var choices = await connection.QueryAsync<(string Type, string Channel, long Enabled)>(new CommandDefinition(
            "SELECT alert_type, channel, enabled FROM alert_preferences WHERE user_key = @userKey",
            new { userKey }, transaction, cancellationToken: cancellationToken));
        return new AlertContact(
            !string.IsNullOrEmpty(row.Email), !string.IsNullOrEmpty(row.Mobile), !string.IsNullOrEmpty(row.Webhook),
            choices.ToDictionary(c => (c.Type, c.Channel), c => c.Enabled != 0));
    }
}
