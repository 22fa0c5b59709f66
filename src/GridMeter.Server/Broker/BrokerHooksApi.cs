using System.Security.Cryptography;
using System.Text;
using GridMeter.Domain.Devices;
using GridMeter.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GridMeter.Server.Broker;

/// <summary>
/// HTTP authentication and authorisation hooks for EMQX-style brokers: the broker asks GridMeter
/// whether a login is a device and whether it may use a topic, and gets the embedded broker's
/// answer (DeviceLogins, TopicAcl). The nodes' own login (GridMeter:Mqtt:ExternalUsername) is a
/// superuser. The broker proves itself with the shared key GridMeter:Mqtt:HookKey in the
/// X-Broker-Key header; without a configured key the hooks answer 401 to everyone.
/// </summary>
public static class BrokerHooksApi
{
    public const string KeyHeader = "X-Broker-Key";

    public static IEndpointRouteBuilder MapBrokerHooks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/broker").WithTags("Broker");
        group.MapPost("/authenticate", AuthenticateAsync).RequireAccess(Access.Anonymous)
            .WithSummary("Broker hook (X-Broker-Key): is {clientid, username, password} a device login? → {\"result\":\"allow\"|\"deny\",\"is_superuser\":…}");
        group.MapPost("/authorize", AuthorizeAsync).RequireAccess(Access.Anonymous)
            .WithSummary("Broker hook (X-Broker-Key): may {username} publish or subscribe to {topic}? → {\"result\":\"allow\"|\"deny\"}");
        return app;
    }

    private static async Task<Results<Ok<BrokerHookAnswer>, ValidationProblem, ProblemHttpResult>> AuthenticateAsync(
        BrokerAuthenticateRequest request, HttpContext http, IOptions<BrokerOptions> options, DeviceLogins logins, CancellationToken cancellationToken)
    {
        if (Refusal(http, options.Value) is { } refusal)
        {
            return refusal;
        }
        var secret = request.Password ?? "";
        if (IsNode(options.Value, request.Username, secret))
        {
            return TypedResults.Ok(BrokerHookAnswer.Allow(superuser: true));
        }
        var device = await logins.AuthenticateAsync(request.Username, secret, cancellationToken);
        return TypedResults.Ok(device is null ? BrokerHookAnswer.Deny(superuser: false) : BrokerHookAnswer.Allow(superuser: false));
    }

    private static async Task<Results<Ok<BrokerHookAnswer>, ValidationProblem, ProblemHttpResult>> AuthorizeAsync(
        BrokerAuthorizeRequest request, HttpContext http, IOptions<BrokerOptions> options, DeviceLogins logins, CancellationToken cancellationToken)
    {
        if (Refusal(http, options.Value) is { } refusal)
        {
            return refusal;
        }
        if (request.Action is not ("publish" or "subscribe") || string.IsNullOrEmpty(request.Topic) || request.Topic.Length > 1024 || request.Topic.Contains('\0'))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["action"] = ["publish or subscribe, with a topic of 1 to 1024 characters"],
            });
        }
        if (!string.IsNullOrEmpty(options.Value.ExternalUsername) && request.Username == options.Value.ExternalUsername)
        {
            // Only reached when the broker asks about a superuser anyway; the nodes use every device topic.
            return TypedResults.Ok(BrokerHookAnswer.Allow());
        }
        var device = await logins.FindAsync(request.Username, cancellationToken);
        var topic = request.Topic;
        var allowed = device is not null && !topic.StartsWith('$') && (request.Action == "publish"
            ? TopicAcl.MayPublish(device, topic)
            : TopicAcl.MaySubscribe(device, topic));
        return TypedResults.Ok(allowed ? BrokerHookAnswer.Allow() : BrokerHookAnswer.Deny());
    }

    /// <summary>401 unless the request carries the configured key (compared in constant time).</summary>
    private static ProblemHttpResult? Refusal(HttpContext http, BrokerOptions options)
    {
        var given = http.Request.Headers[KeyHeader].ToString();
        var expected = options.HookKey;
        if (!string.IsNullOrEmpty(expected) && given.Length > 0
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected))))
        {
            return null;
        }
        return TypedResults.Problem($"the broker hooks need the {KeyHeader} header with GridMeter:Mqtt:HookKey", statusCode: StatusCodes.Status401Unauthorized,
            title: "Broker key required");
    }

    private static bool IsNode(BrokerOptions options, string? username, string secret) =>
        !string.IsNullOrEmpty(options.ExternalUsername) && !string.IsNullOrEmpty(options.ExternalPassword) && username == options.ExternalUsername
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), SHA256.HashData(Encoding.UTF8.GetBytes(options.ExternalPassword)));
}
