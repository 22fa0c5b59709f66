namespace GridMeter.Server.Commands;

/// <summary>Why a command was not taken: bad input (400), not this requester's to give (403), no such meter or command (404), not in a state for it (409).</summary>
public enum CommandRefusal
{
    None,
    Invalid,
    Forbidden,
    NotFound,
    Conflict,
}
