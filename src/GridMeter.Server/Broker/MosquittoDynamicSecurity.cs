using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GridMeter.Domain.Devices;
using GridMeter.Mqtt.Packets;

namespace GridMeter.Server.Broker;

/// <summary>
/// Keeps device logins and topic rights in Mosquitto's dynamic-security plugin in step with
/// provisioning: a device gets a client (its id, its secret) and a role holding exactly the topics
/// the embedded broker would allow it (TopicAcl). Commands go to $CONTROL/dynamic-security/v1 as
/// JSON; the plugin answers on …/response, matched here by correlation data.
/// </summary>
public sealed partial class MosquittoDynamicSecurity(Func<MqttMessage, CancellationToken, ValueTask<bool>> publish, ILogger logger)
{
    public const string ControlTopic = "$CONTROL/dynamic-security/v1";
    public const string ResponseTopic = ControlTopic + "/response";

    /// <summary>The role that lets nodes consume and publish every device topic.</summary>
    public const string NodeRole = "gridmeter-node";

    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonNode?>> _waiting = new(StringComparer.Ordinal);

    /// <summary>Whether the node's own login holds <see cref="NodeRole"/> already.</summary>
    public async Task<bool> NodeHasRoleAsync(string username, CancellationToken cancellationToken)
    {
        var answers = await SendAsync([Command("getClient", ("username", username))], cancellationToken);
        var roles = answers is [{ } answer] ? answer["data"]?["client"]?["roles"]?.AsArray() : null;
        return roles?.Any(r => r?["rolename"]?.GetValue<string>() == NodeRole) == true;
    }

    /// <summary>
    /// Gives the node's own login the rights on every device topic. The plugin then drops the
    /// node's connection so the new rights apply; the client reconnects (and the answer is lost with it).
    /// </summary>
    public async Task GrantNodeAsync(string username, CancellationToken cancellationToken)
    {
        JsonArray acls =
        [
            Acl("publishClientSend", "meters/#", allow: true),
            Acl("subscribePattern", "meters/#", allow: true),
            Acl("publishClientReceive", "meters/#", allow: true),
            Acl("publishClientSend", "gateways/#", allow: true),
        ];
        await SendAsync([Command("createRole", ("rolename", NodeRole), ("acls", acls))], cancellationToken);
        await publish(Message(new JsonObject
        {
            ["commands"] = new JsonArray(Command("addClientRole", ("username", username), ("rolename", NodeRole))),
        }), cancellationToken);
    }

    /// <summary>
    /// A device's login with this secret, allowed the topics of <paramref name="meterIds"/> (the meter
    /// itself, or a gateway's meters); replaces any earlier login of that id. False when the plugin refused or did not answer.
    /// </summary>
    public async Task<bool> ProvisionAsync(string deviceId, string secret, IReadOnlyList<string> meterIds, bool isGateway, CancellationToken cancellationToken)
    {
        var role = RoleOf(deviceId);
        var acls = new JsonArray();
        foreach (var meterId in meterIds)
        {
            var root = DeviceTopic.Root + meterId;
            // Priority: the two denials outrank the meter's own subtree (TopicAcl: a device never publishes its commands or errors).
            acls.Add(Acl("publishClientSend", root + "/commands", allow: false, priority: 10));
            acls.Add(Acl("publishClientSend", root + "/errors", allow: false, priority: 10));
            acls.Add(Acl("publishClientSend", root + "/#", allow: true));
            acls.Add(Acl("subscribeLiteral", DeviceTopic.CommandsOf(meterId), allow: true));
            acls.Add(Acl("subscribeLiteral", DeviceTopic.ErrorsOf(meterId), allow: true));
        }
        if (isGateway)
        {
            acls.Add(Acl("subscribeLiteral", GatewayTopic.ScheduleOf(deviceId), allow: true));
            acls.Add(Acl("subscribeLiteral", GatewayTopic.PricesOf(deviceId), allow: true));
        }
        var answers = await SendAsync(
        [
            Command("deleteClient", ("username", deviceId)),
            Command("deleteRole", ("rolename", role)),
            Command("createRole", ("rolename", role), ("acls", acls)),
            Command("createClient", ("username", deviceId), ("password", secret), ("roles", new JsonArray(new JsonObject { ["rolename"] = role }))),
        ], cancellationToken);
        var errors = answers.Select(a => a?["error"]?.GetValue<string>()).ToList();
        // Deleting what did not exist fails harmlessly; creating must succeed.
        var ok = answers.Count == 4 && errors[2] is null && errors[3] is null;
        if (!ok)
        {
            LogRefused(deviceId, string.Join("; ", errors.Where(e => e is not null)));
        }
        return ok;
    }

    public static string RoleOf(string deviceId) => $"gridmeter-device-{deviceId}";

    /// <summary>Sends the commands in one message; returns each one's answer ("error" set when refused), or none when no answer came.</summary>
    private async Task<IReadOnlyList<JsonNode?>> SendAsync(IReadOnlyList<JsonObject> commands, CancellationToken cancellationToken)
    {
        var answers = new List<Task<JsonNode?>>();
        foreach (var command in commands)
        {
            var correlation = Guid.NewGuid().ToString("N");
            command["correlationData"] = correlation;
            var answer = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting[correlation] = answer;
            answers.Add(answer.Task);
        }
        var correlations = commands.Select(c => (string)c["correlationData"]!).ToList();
        try
        {
            var taken = await publish(Message(new JsonObject { ["commands"] = new JsonArray([.. commands]) }), cancellationToken);
            if (!taken)
            {
                return [];
            }
            var results = new List<JsonNode?>();
            foreach (var answer in answers)
            {
                results.Add(await answer.WaitAsync(AnswerTimeout, cancellationToken));
            }
            return results;
        }
        catch (TimeoutException)
        {
            return [];
        }
        finally
        {
            correlations.ForEach(c => _waiting.TryRemove(c, out _));
        }
    }

    /// <summary>An answer of the plugin (the node subscribes to <see cref="ResponseTopic"/>).</summary>
    public void OnResponse(MqttMessage message)
    {
        if (message.Topic != ResponseTopic)
        {
            return;
        }
        try
        {
            var document = JsonNode.Parse(message.Payload.Span);
            foreach (var response in document?["responses"]?.AsArray() ?? [])
            {
                if (response?["correlationData"]?.GetValue<string>() is { } correlation && _waiting.TryGetValue(correlation, out var answer))
                {
                    answer.TrySetResult(response.DeepClone());
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            LogUnreadable(e);
        }
    }

    private static MqttMessage Message(JsonObject body) => new()
    {
        Topic = ControlTopic,
        Payload = Encoding.UTF8.GetBytes(body.ToJsonString()),
        QualityOfService = MqttQualityOfService.AtLeastOnce,
    };

    private static JsonObject Command(string name, params (string Key, JsonNode? Value)[] fields)
    {
        var command = new JsonObject { ["command"] = name };
        foreach (var (key, value) in fields)
        {
            command[key] = value;
        }
        return command;
    }

    private static JsonObject Acl(string type, string topic, bool allow, int priority = 0) =>
        new() { ["acltype"] = type, ["topic"] = topic, ["priority"] = priority, ["allow"] = allow };

    [LoggerMessage(Level = LogLevel.Error, Message = "Mosquitto's dynamic security refused the login of {DeviceId}: {Errors}")]
    private partial void LogRefused(string deviceId, string errors);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unreadable answer from Mosquitto's dynamic security")]
    private partial void LogUnreadable(Exception error);
}
