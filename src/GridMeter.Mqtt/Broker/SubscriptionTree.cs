namespace GridMeter.Mqtt.Broker;

/// <summary>
/// Topic filters as a tree of levels, so a publish is matched by walking its topic's levels rather than
/// by testing every filter. Readers (publishes) share a lock; subscribe and unsubscribe take it alone.
/// </summary>
internal sealed class SubscriptionTree
{
    private readonly Node _root = new();
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);

    public void Add(SessionSubscription subscription)
    {
        _lock.EnterWriteLock();
        try
        {
            var node = _root;
            foreach (var level in subscription.TopicFilter.Split('/'))
            {
                node.Children ??= new Dictionary<string, Node>(StringComparer.Ordinal);
                if (!node.Children.TryGetValue(level, out var child))
                {
                    child = new Node();
                    node.Children.Add(level, child);
                }
                node = child;
            }
            if (subscription.ShareGroup is { } group)
            {
                node.Shared ??= new Dictionary<string, SharedSubscriptionGroup>(StringComparer.Ordinal);
                if (!node.Shared.TryGetValue(group, out var members))
                {
                    members = new SharedSubscriptionGroup();
                    node.Shared.Add(group, members);
                }
                members.Members.Add(subscription);
            }
            else
            {
                (node.Subscribers ??= []).Add(subscription);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Remove(SessionSubscription subscription)
    {
        _lock.EnterWriteLock();
        try
        {
            Remove(_root, subscription.TopicFilter.Split('/'), 0, subscription);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private static void Remove(Node node, string[] levels, int index, SessionSubscription subscription)
    {
        if (index == levels.Length)
        {
            if (subscription.ShareGroup is { } group && node.Shared?.GetValueOrDefault(group) is { } members)
            {
                members.Members.Remove(subscription);
                if (members.Members.Count == 0)
                {
                    node.Shared.Remove(group);
                }
            }
            else
            {
                node.Subscribers?.Remove(subscription);
            }
            return;
        }
        if (node.Children?.GetValueOrDefault(levels[index]) is not { } child)
        {
            return;
        }
        Remove(child, levels, index + 1, subscription);
        if (child.IsEmpty)
        {
            node.Children.Remove(levels[index]);
        }
    }

    /// <summary>Adds every subscription matching <paramref name="topic"/>; one member per shared group.</summary>
    public void Match(string topic, List<SessionSubscription> output)
    {
        _lock.EnterReadLock();
        try
        {
            Match(_root, topic, 0, output);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary><paramref name="start"/> is where the next level begins, or -1 when every level is consumed.</summary>
    private static void Match(Node node, string topic, int start, List<SessionSubscription> output)
    {
        if (start < 0)
        {
            AddAll(node, output);
            // MQTT 5.0 §4.7.1.2: "sport/#" also matches "sport".
            if (node.Children?.GetValueOrDefault("#") is { } parentHash)
            {
                AddAll(parentHash, output);
            }
            return;
        }
        if (node.Children is null)
        {
            return;
        }
        var slash = topic.IndexOf('/', start);
        var level = slash < 0 ? topic.AsSpan(start) : topic.AsSpan(start, slash - start);
        var next = slash < 0 ? -1 : slash + 1;
        // MQTT 5.0 §4.7.2: a filter starting with a wildcard does not match a topic starting with '$'.
        var skipWildcards = start == 0 && topic.StartsWith('$');
        if (!skipWildcards)
        {
            if (node.Children.TryGetValue("#", out var hash))
            {
                AddAll(hash, output);
            }
            if (node.Children.TryGetValue("+", out var plus))
            {
                Match(plus, topic, next, output);
            }
        }
        if (level is not ("+" or "#") && node.Children.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(level, out var child))
        {
            Match(child, topic, next, output);
        }
    }

    private static void AddAll(Node node, List<SessionSubscription> output)
    {
        if (node.Subscribers is { } subscribers)
        {
            output.AddRange(subscribers);
        }
        if (node.Shared is { } shared)
        {
            foreach (var group in shared.Values)
            {
                if (group.Pick() is { } member)
                {
                    output.Add(member);
                }
            }
        }
    }

    private sealed class Node
    {
        public Dictionary<string, Node>? Children;
        public List<SessionSubscription>? Subscribers;
        public Dictionary<string, SharedSubscriptionGroup>? Shared;

        public bool IsEmpty => Children is not { Count: > 0 } && Subscribers is not { Count: > 0 } && Shared is not { Count: > 0 };
    }
}
