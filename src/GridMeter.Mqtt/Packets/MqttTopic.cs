namespace GridMeter.Mqtt.Packets;

/// <summary>Topic names, topic filters and how they match (MQTT 3.1.1 §4.7, MQTT 5.0 §4.7 and §4.8.2).</summary>
public static class MqttTopic
{
    private const string SharePrefix = "$share/";

    /// <summary>A topic name to publish to: at least one character and no wildcard (MQTT 5.0 §4.7.3, §3.3.2.1).</summary>
    public static bool IsValidTopicName(ReadOnlySpan<char> topic) =>
        topic.Length > 0 && topic.IndexOfAny('+', '#') < 0;

    /// <summary>
    /// A topic filter: '#' only as the whole last level, '+' only as a whole level (MQTT 5.0 §4.7.1).
    /// A shared subscription filter is checked by <see cref="TryParseShared"/> first.
    /// </summary>
    public static bool IsValidFilter(ReadOnlySpan<char> filter)
    {
        if (filter.Length == 0)
        {
            return false;
        }
        for (var i = 0; i < filter.Length; i++)
        {
            var c = filter[i];
            if (c != '+' && c != '#')
            {
                continue;
            }
            var startsLevel = i == 0 || filter[i - 1] == '/';
            var endsLevel = i == filter.Length - 1 || filter[i + 1] == '/';
            if (!startsLevel || !endsLevel || (c == '#' && i != filter.Length - 1))
            {
                return false;
            }
        }
        return true;
    }

    public static bool HasWildcard(ReadOnlySpan<char> filter) => filter.IndexOfAny('+', '#') >= 0;

    /// <summary>
    /// MQTT 5.0 §4.8.2: "$share/{ShareName}/{filter}". Returns false for a filter that is not shared;
    /// <paramref name="valid"/> is false for a shared filter that is malformed.
    /// </summary>
    public static bool TryParseShared(string filter, out string group, out string innerFilter, out bool valid)
    {
        group = "";
        innerFilter = "";
        valid = false;
        if (!filter.StartsWith(SharePrefix, StringComparison.Ordinal))
        {
            return false;
        }
        var rest = filter.AsSpan(SharePrefix.Length);
        var slash = rest.IndexOf('/');
        if (slash <= 0)
        {
            return true;
        }
        var name = rest[..slash];
        var inner = rest[(slash + 1)..];
        if (name.IndexOfAny('+', '#') >= 0 || !IsValidFilter(inner))
        {
            return true;
        }
        group = name.ToString();
        innerFilter = inner.ToString();
        valid = true;
        return true;
    }

    /// <summary>Whether <paramref name="topic"/> matches <paramref name="filter"/>; $-topics are not matched by a leading wildcard (§4.7.2).</summary>
    public static bool Matches(ReadOnlySpan<char> filter, ReadOnlySpan<char> topic)
    {
        if (topic.Length > 0 && topic[0] == '$' && filter.Length > 0 && (filter[0] == '+' || filter[0] == '#'))
        {
            return false;
        }
        while (true)
        {
            var filterEnd = filter.IndexOf('/');
            var filterLevel = filterEnd < 0 ? filter : filter[..filterEnd];
            if (filterLevel is "#")
            {
                return true;
            }
            var topicEnd = topic.IndexOf('/');
            var topicLevel = topicEnd < 0 ? topic : topic[..topicEnd];
            if (filterLevel is not "+" && !filterLevel.SequenceEqual(topicLevel))
            {
                return false;
            }
            if (filterEnd < 0 || topicEnd < 0)
            {
                // "sport/#" also matches "sport" (MQTT 5.0 §4.7.1.2): the parent level itself.
                return filterEnd < 0 && topicEnd < 0 || (topicEnd < 0 && filter[(filterEnd + 1)..] is "#");
            }
            filter = filter[(filterEnd + 1)..];
            topic = topic[(topicEnd + 1)..];
        }
    }
}
