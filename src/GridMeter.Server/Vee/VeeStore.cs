using System.Data.Common;
using Dapper;
using GridMeter.Domain.Vee;
using NodaTime;

namespace GridMeter.Server.Vee;

/// <summary>
/// What validation, estimation and editing keep beside the readings: suspect spans, gap estimates,
/// register events and edit versions. Every method works on a connection (and transaction) the
/// caller holds, so a job's or an API call's changes commit together.
/// </summary>
public sealed class VeeStore
{
    public async Task<List<VeeFlag>> FlagsAsync(DbConnection connection, long meter, int register, long first, long last, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(long Start, long End, string Rule, string Detail)>(new CommandDefinition(
            """
            SELECT start_ts, end_ts, rule, detail FROM vee_flags
            WHERE meter = @meter AND register = @register AND start_ts <= @last AND end_ts >= @first ORDER BY start_ts
            """,
            new { meter, register, first, last }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new VeeFlag(Instant.FromUnixTimeSeconds(r.Start), Instant.FromUnixTimeSeconds(r.End), VeeNames.RuleOf(r.Rule), r.Detail))];
    }

    public async Task<List<CurvePatch>> EstimatesAsync(DbConnection connection, long meter, int register, long first, long last, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(long Start, long End, byte[] Points)>(new CommandDefinition(
            """
            SELECT start_ts, end_ts, points FROM vee_estimates
            WHERE meter = @meter AND register = @register AND start_ts >= @first AND start_ts < @last
            """,
            new { meter, register, first, last }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new CurvePatch(Instant.FromUnixTimeSeconds(r.Start), Instant.FromUnixTimeSeconds(r.End), PatchCodec.Decode(r.Points)))];
    }

    /// <summary>Register events in (after, upTo]; <paramref name="recordedOnly"/> leaves out the rollovers validation found.</summary>
    public async Task<List<RegisterEvent>> EventsAsync(
        DbConnection connection, long meter, int register, long after, long upTo, bool recordedOnly, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(long Ts, long Before, long After, string Kind)>(new CommandDefinition(
            """
            SELECT ts, before_value, after_value, kind FROM register_events
            WHERE meter = @meter AND register = @register AND ts > @after AND ts <= @upTo AND (@recordedOnly = 0 OR kind <> 'rollover')
            ORDER BY ts
            """,
            new { meter, register, after, upTo, recordedOnly = recordedOnly ? 1 : 0 }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new RegisterEvent(Instant.FromUnixTimeSeconds(r.Ts), r.Before, r.After, VeeNames.KindOf(r.Kind)!.Value))];
    }

    /// <summary>Edits overlapping [from, to] up to a version (null: all), oldest first.</summary>
    public async Task<List<IntervalEdit>> EditsAsync(
        DbConnection connection, long meter, int register, long from, long to, int? upTo, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(long Version, long Start, long End, byte[] Points)>(new CommandDefinition(
            """
            SELECT version, start_ts, end_ts, points FROM interval_edits
            WHERE meter = @meter AND register = @register AND start_ts <= @to AND end_ts >= @from AND version <= @upTo
            ORDER BY version
            """,
            new { meter, register, from, to, upTo = upTo ?? int.MaxValue }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new IntervalEdit((int)r.Version,
            new CurvePatch(Instant.FromUnixTimeSeconds(r.Start), Instant.FromUnixTimeSeconds(r.End), PatchCodec.Decode(r.Points))))];
    }

    public async Task<List<Instant>> ConflictsAsync(DbConnection connection, long meter, int register, long first, long last, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT DISTINCT ts FROM reading_conflicts WHERE meter = @meter AND register = @register AND ts >= @first AND ts <= @last",
            new { meter, register, first, last }, cancellationToken: cancellationToken));
        return [.. rows.Select(Instant.FromUnixTimeSeconds)];
    }

    /// <summary>Replaces what validation derived for the readings in [first, last] by a new outcome.</summary>
    public async Task ReplaceDerivedAsync(
        DbConnection connection, DbTransaction transaction, long meter, int register, long first, long last, VeeOutcome outcome,
        long recordedAt, CancellationToken cancellationToken)
    {
        var range = new { meter, register, first, last };
        await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM vee_flags WHERE meter = @meter AND register = @register AND start_ts >= @first AND end_ts <= @last;
            DELETE FROM vee_estimates WHERE meter = @meter AND register = @register AND start_ts >= @first AND start_ts < @last;
            DELETE FROM register_events WHERE meter = @meter AND register = @register AND kind = 'rollover' AND ts > @first AND ts <= @last;
            """,
            range, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO vee_flags (meter, register, start_ts, end_ts, rule, detail) VALUES (@meter, @register, @Start, @End, @Rule, @Detail)
            ON CONFLICT (meter, register, start_ts, rule) DO UPDATE SET end_ts = excluded.end_ts, detail = excluded.detail
            """,
            outcome.Flags.Select(f => new { meter, register, Start = f.Start.ToUnixTimeSeconds(), End = f.End.ToUnixTimeSeconds(), Rule = VeeNames.Of(f.Rule), f.Detail }),
            transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO vee_estimates (meter, register, start_ts, end_ts, points) VALUES (@meter, @register, @Start, @End, @Points)",
            outcome.Estimates.Select(e => new { meter, register, Start = e.Start.ToUnixTimeSeconds(), End = e.End.ToUnixTimeSeconds(), Points = PatchCodec.Encode(e.Points) }),
            transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO register_events (meter, register, ts, kind, before_value, after_value, actor, reason, recorded_at)
            VALUES (@meter, @register, @Ts, 'rollover', @Before, @After, 'system', 'found by validation', @recordedAt)
            ON CONFLICT (meter, register, ts) DO NOTHING
            """,
            outcome.Rollovers.Select(r => new { meter, register, Ts = r.Timestamp.ToUnixTimeSeconds(), r.Before, r.After, recordedAt }),
            transaction, cancellationToken: cancellationToken));
    }

    public async Task<(long LearnedAt, byte[] Profile)?> ProfileAsync(DbConnection connection, long meter, int register, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(long, byte[])>(new CommandDefinition(
            "SELECT learned_at, profile FROM meter_profiles WHERE meter = @meter AND register = @register",
            new { meter, register }, cancellationToken: cancellationToken));
        return rows.Select(r => ((long, byte[])?)r).FirstOrDefault();
    }

    public Task SaveProfileAsync(DbConnection connection, long meter, int register, long learnedAt, byte[] profile, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO meter_profiles (meter, register, learned_at, profile) VALUES (@meter, @register, @learnedAt, @profile)
            ON CONFLICT (meter, register) DO UPDATE SET learned_at = excluded.learned_at, profile = excluded.profile
            """,
            new { meter, register, learnedAt, profile }, cancellationToken: cancellationToken));
}
