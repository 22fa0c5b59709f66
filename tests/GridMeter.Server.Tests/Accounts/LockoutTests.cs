using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace GridMeter.Server.Tests.Accounts;

/// <summary>Repeated wrong passwords lock an account for a while; time moves on the test's clock.</summary>
public abstract class LockoutTests(StorageBackend storage)
{
    private const string Right = "the right password";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ten_wrong_passwords_lock_the_account_for_fifteen_minutes_and_even_the_right_password_is_refused_meanwhile()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        await CreateUserAsync(app, "alice");

        for (var i = 0; i < 9; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync(app, "alice", "wrong guess"));
        }
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync(app, "alice", "wrong guess"));

        Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync(app, "alice", Right));
        app.Clock.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync(app, "alice", Right));
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, await LoginAsync(app, "alice", Right));
    }

    [Fact]
    public async Task Nine_wrong_passwords_and_then_the_right_one_start_the_count_afresh()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        await CreateUserAsync(app, "alice");

        for (var i = 0; i < 9; i++)
        {
            await LoginAsync(app, "alice", "wrong guess");
        }
        Assert.Equal(HttpStatusCode.OK, await LoginAsync(app, "alice", Right));
        for (var i = 0; i < 9; i++)
        {
            await LoginAsync(app, "alice", "wrong guess");
        }

        Assert.Equal(HttpStatusCode.OK, await LoginAsync(app, "alice", Right));
    }

    [Fact]
    public async Task Every_failure_the_lock_and_the_refusal_during_it_are_in_the_audit_log()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        await CreateUserAsync(app, "alice");
        for (var i = 0; i < 10; i++)
        {
            await LoginAsync(app, "alice", "wrong guess");
        }
        await LoginAsync(app, "alice", Right);

        using var admin = await app.AdminAsync();
        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit?target=user:alice&limit=100", Cancel);
        var actions = audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).Reverse().ToList();

        Assert.Equal(["user.created", .. Enumerable.Repeat("user.login_failed", 10), "user.locked", "user.login_refused"], actions);
        var locked = audit.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("action").GetString() == "user.locked");
        using var details = JsonDocument.Parse(locked.GetProperty("details").GetString()!);
        Assert.Equal(app.Clock.GetUtcNow() + TimeSpan.FromMinutes(15), details.RootElement.GetProperty("until").GetDateTimeOffset());
    }

    [Fact]
    public async Task The_threshold_and_the_length_of_the_lock_are_configurable()
    {
        await using var app = await GridMeterApp.StartAsync(storage, settings: new()
        {
            ["GridMeter:Auth:MaxFailedLogins"] = "3",
            ["GridMeter:Auth:LockoutMinutes"] = "2",
        });
        await CreateUserAsync(app, "alice");

        for (var i = 0; i < 3; i++)
        {
            await LoginAsync(app, "alice", "wrong guess");
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync(app, "alice", Right));
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, await LoginAsync(app, "alice", Right));
    }

    [Fact]
    public async Task Wrong_passwords_through_the_portal_form_count_towards_the_same_lock()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        await CreateUserAsync(app, "alice");
        using var browser = Portal.Browser(app);

        for (var i = 0; i < 5; i++)
        {
            await LoginAsync(app, "alice", "wrong guess");
            Assert.Equal(HttpStatusCode.Unauthorized, (await Portal.LogInAsync(browser, "alice", "wrong guess")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await Portal.LogInAsync(browser, "alice", Right)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync(app, "alice", Right));
    }

    [Fact]
    public async Task A_locked_account_an_unknown_user_and_a_wrong_password_get_the_same_answer()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        await CreateUserAsync(app, "alice");
        await CreateUserAsync(app, "bob");
        for (var i = 0; i < 10; i++)
        {
            await LoginAsync(app, "alice", "wrong guess");
        }

        var locked = await AnswerAsync(app, "alice", Right);
        var wrong = await AnswerAsync(app, "bob", "wrong guess");
        var unknown = await AnswerAsync(app, "nobody", "wrong guess");

        Assert.Equal(wrong, locked);
        Assert.Equal(wrong, unknown);
    }

    private static async Task CreateUserAsync(GridMeterApp app, string username)
    {
        using var admin = await app.AdminAsync();
        await World.SendAsync(admin, "/api/v1/users", new { username, password = Right, role = "consumer" });
    }

    private static async Task<HttpStatusCode> LoginAsync(GridMeterApp app, string username, string password)
    {
        using var client = app.CreateClient();
        return (await client.PostAsJsonAsync("/api/v1/auth/token", new { username, password }, Cancel)).StatusCode;
    }

    private static async Task<string> AnswerAsync(GridMeterApp app, string username, string password)
    {
        using var client = app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username, password }, Cancel);
        var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, JsonElement>>(Cancel);
        problem!.Remove("traceId");
        return $"{(int)response.StatusCode} {response.Content.Headers.ContentType} {JsonSerializer.Serialize(problem)}";
    }
}

public sealed class SqliteLockoutTests() : LockoutTests(StorageBackend.Sqlite);

public sealed class PostgresLockoutTests() : LockoutTests(StorageBackend.Postgres);
