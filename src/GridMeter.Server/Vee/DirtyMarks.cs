using System.Data.Common;
using Dapper;
using GridMeter.Server.Storage;

namespace GridMeter.Server.Vee;

/// <summary>Marks register days dirty for the job from outside the reading writer: after an edit or a recorded register event.</summary>
public static class DirtyMarks
{
    public static Task MarkAsync(
        DbConnection connection, DbTransaction transaction, long meter, long fromTs, long toTs, CancellationToken cancellationToken)
    {
        var days = new List<object>();
        for (var day = DirtyDay.DayOf(fromTs); day <= DirtyDay.DayOf(toTs); day++)
        {
            days.Add(new { meter, day });
        }
        return connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO mdm_dirty (meter, day, claimed) VALUES (@meter, @day, 0) ON CONFLICT (meter, day) DO UPDATE SET claimed = 0",
            days, transaction, cancellationToken: cancellationToken));
    }
}
