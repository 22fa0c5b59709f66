using System.Globalization;

namespace GridMeter.Server.Storage;

public static class SqlKeys
{
    /// <summary>
    /// "(1,2,3)" for an IN condition over integer keys, "(NULL)" (matching nothing) when empty.
    /// Only integers are ever written into the SQL this way; text always travels as a parameter.
    /// </summary>
    public static string InList(IReadOnlyCollection<long> keys) =>
        keys.Count == 0 ? "(NULL)" : $"({string.Join(",", keys.Select(k => k.ToString(CultureInfo.InvariantCulture)))})";
}
