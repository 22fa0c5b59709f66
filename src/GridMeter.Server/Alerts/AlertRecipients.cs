using System.Data.Common;
using Dapper;
using GridMeter.Domain.Alerts;

namespace GridMeter.Server.Alerts;

/// <summary>Who hears of a condition: its consumers (directly or through premises), its supplier's staff, or an organisation's staff.</summary>
public static class AlertRecipients
{
    private const string Consumers =
        """
        SELECT um.user_key FROM user_meters um JOIN meters m ON m.key = um.meter_key WHERE m.id = @meterId
        UNION SELECT up.user_key FROM user_premises up JOIN meters m ON m.premises_key = up.premises_key WHERE m.id = @meterId
        """;

    private const string SupplierStaff =
        "SELECT u.key FROM users u JOIN meters m ON m.supplier_id = u.organisation_id WHERE m.id = @meterId AND u.role = 'supplier'";

    public static async Task<IReadOnlyList<long>> ForAsync(DbConnection connection, DbTransaction transaction, AlertCondition condition, CancellationToken cancellationToken)
    {
        var sql = condition.Audience switch
        {
            AlertAudience.OneUser => "SELECT key FROM users WHERE key = @userKey",
            AlertAudience.MeterConsumers => Consumers,
            AlertAudience.MeterConsumersAndSupplier => Consumers + " UNION " + SupplierStaff,
            AlertAudience.Organisation => "SELECT key FROM users WHERE organisation_id = @organisationId AND role IN ('supplier', 'operator')",
            _ => throw new ArgumentOutOfRangeException(nameof(condition), condition.Audience, "unknown audience"),
        };
        var keys = await connection.QueryAsync<long>(new CommandDefinition(
            sql, new { meterId = condition.MeterId, userKey = condition.UserKey, organisationId = condition.OrganisationId }, transaction, cancellationToken: cancellationToken));
        return [.. keys.Distinct().Order()];
    }
}
