using System.Data.Common;
using Dapper;
using GridMeter.Server.Storage;

namespace GridMeter.Server.Vee;

/// <summary>Marks register days dirty for the job from outside the reading writer: after an edit or a recorded register event.</summary>
public static class DirtyMarks
{
    public static Task MarkAsync(
        DbConnection connection, DbTransaction transaction, long meter, int register, long fromTs, long toTs, CancellationToken cancellationToken)
    {
        var gen = Random.Shared.NextInt64();
        var days = new List<object>();
        for (var day = DirtyDay.DayOf(fromTs); day <= DirtyDay.DayOf(toTs); day++)
        {
            days.Add(new { meter, register, day, gen });
        }
        return connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO mdm_dirty (meter, register, day, gen) VALUES (@meter, @register, @day, @gen) ON CONFLICT (meter, register, day) DO UPDATE SET gen = excluded.gen",
            days, transaction, cancellationToken: cancellationToken));
    }
}
