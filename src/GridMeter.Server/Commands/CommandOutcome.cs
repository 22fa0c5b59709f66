namespace GridMeter.Server.Commands;

/// <summary>What became of a request or an approval: the command, or why not.</summary>
public sealed record CommandOutcome(CommandResponse? Command, CommandRefusal Refusal, string? Reason)
{
    public bool IsAccepted => Command is not null;

    public static CommandOutcome Accepted(CommandResponse command) => new(command, CommandRefusal.None, null);

    public static CommandOutcome Refused(CommandRefusal refusal, string reason) => new(null, refusal, reason);
}
