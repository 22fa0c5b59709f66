namespace GridMeter.Server.Commands;

/// <summary>Command ids are "cmd-" and 24 hexadecimal digits; anything else cannot exist and never reaches the database.</summary>
public static class CommandId
{
    public static bool IsValid(string id) => id.Length <= 64 && Domain.Meters.MeterId.IsValid(id);
}
