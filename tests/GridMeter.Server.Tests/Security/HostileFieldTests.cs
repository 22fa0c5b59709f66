using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using GridMeter.Server.Storage;
using GridMeter.Server.Tests.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace GridMeter.Server.Tests.Security;

/// <summary>
/// What an attacker types into fields: injection and script payloads in every string field and
/// query parameter of every operation in the OpenAPI document, and values of the wrong type.
/// Every one is answered 4xx with a problem document, never 500, and stores nothing.
/// </summary>
public abstract class HostileFieldTests(StorageBackend storage)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Injection_and_script_payloads_in_every_string_field_are_refused_and_store_nothing()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        var target = await HostileTarget.CreateAsync(app);
        var failures = new List<string>();
        var cases = 0;

        foreach (var operation in target.Operations)
        {
            // Passwords may hold any character and are only ever hashed: see the test below.
            foreach (var (field, isArray, _) in operation.StringFields.Where(f => !f.Name.Contains("password", StringComparison.OrdinalIgnoreCase)))
            {
                var client = target.ClientFor(operation);
                var before = await target.CountRowsAsync();
                foreach (var payload in HostileTarget.Payloads)
                {
                    cases++;
                    var body = target.ValidBody(operation.Name);
                    body[field] = isArray ? new JsonArray(payload) : payload;
                    var response = await client.SendAsync(HostileTarget.Request(operation.Method, HostileTarget.Fill(operation.Path), body.ToJsonString(), "application/json"), Cancel);
                    await HostileTarget.ExpectRefusalAsync(response, $"{operation} with {field} = {HostileTarget.Show(payload)}", failures);
                }
                if (await target.CountRowsAsync() != before)
                {
                    failures.Add($"{operation}: a payload in {field} stored something");
                }
            }
        }

        Assert.True(cases > 100, $"only {cases} cases: the OpenAPI document lost its request bodies?");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases} cases:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task The_valid_bodies_those_payloads_start_from_are_accepted()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        var target = await HostileTarget.CreateAsync(app);

        foreach (var operation in target.Operations.Where(o => target.ValidBody(o.Name).Count > 0 && o.Name != "POST /api/v1/auth/token"))
        {
            var response = await target.ClientFor(operation).SendAsync(
                HostileTarget.Request(operation.Method, HostileTarget.Fill(operation.Path), target.ValidBody(operation.Name).ToJsonString(), "application/json"), Cancel);
            Assert.True(response.IsSuccessStatusCode, $"{operation}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancel)}");
        }
    }

    [Fact]
    public async Task Injection_payloads_in_every_query_parameter_are_refused()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        var target = await HostileTarget.CreateAsync(app);
        var failures = new List<string>();
        var cases = 0;

        foreach (var operation in target.Operations.Where(o => o.Query.Count > 0))
        {
            var valid = HostileTarget.ValidQueries.GetValueOrDefault(operation.Name, "");
            var ok = await target.ClientFor(operation).SendAsync(HostileTarget.Request(operation.Method, $"{HostileTarget.Fill(operation.Path)}?{valid}", null, null), Cancel);
            Assert.True(ok.IsSuccessStatusCode, $"{operation}?{valid}: {(int)ok.StatusCode} {await ok.Content.ReadAsStringAsync(Cancel)}");
            foreach (var parameter in operation.Query)
            {
                foreach (var payload in HostileTarget.Payloads.Where(p => p.Length < 10_000))
                {
                    cases++;
                    var query = string.Join("&", valid.Split('&', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith(parameter + "=", StringComparison.Ordinal))
                        .Append($"{parameter}={Uri.EscapeDataString(payload)}"));
                    var response = await target.ClientFor(operation).SendAsync(HostileTarget.Request(operation.Method, $"{HostileTarget.Fill(operation.Path)}?{query}", null, null), Cancel);
                    await HostileTarget.ExpectRefusalAsync(response, $"{operation} with ?{parameter}={HostileTarget.Show(payload)}", failures);
                }
            }
        }

        Assert.True(cases > 100, $"only {cases} cases");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases} cases:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_in_any_field_is_refused_with_400()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        var target = await HostileTarget.CreateAsync(app);
        var failures = new List<string>();
        var before = await target.CountRowsAsync();

        foreach (var operation in target.Operations)
        {
            foreach (var (field, isArray, _) in operation.StringFields.Where(f => !f.IsNumber))
            {
                JsonNode?[] wrong = isArray ? ["MTR-1", 42, new JsonArray(new JsonObject())] : [42, true, new JsonArray(), new JsonObject(), HostileTarget.LoneSurrogate];
                foreach (var value in wrong)
                {
                    var body = target.ValidBody(operation.Name);
                    body[field] = value?.DeepClone();
                    // A writer never produces a lone surrogate, so it goes into the text afterwards.
                    var json = body.ToJsonString().Replace($"\"{HostileTarget.LoneSurrogate}\"", "\"\\uD800\"", StringComparison.Ordinal);
                    var response = await target.ClientFor(operation).SendAsync(
                        HostileTarget.Request(operation.Method, HostileTarget.Fill(operation.Path), json, "application/json"), Cancel);
                    await HostileTarget.ExpectRefusalAsync(response, $"{operation} with {field} = {value?.ToJsonString()}", failures);
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await target.CountRowsAsync());
    }

    [Fact]
    public async Task A_password_may_hold_any_characters_and_is_stored_only_as_a_hash()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        var target = await HostileTarget.CreateAsync(app);
        var passwords = HostileTarget.Payloads.Where(p => p.Length is >= 10 and <= 1024).ToList();

        for (var i = 0; i < passwords.Count; i++)
        {
            await World.SendAsync(target.Admin, "/api/v1/users", new { username = $"odd{i}", password = passwords[i], role = "consumer" });
        }

        await using var connection = await app.Services.GetRequiredService<IDatabase>().OpenAsync(Cancel);
        var stored = string.Join("\n", await connection.QueryAsync<string>("SELECT password_hash FROM users"));
        for (var i = 0; i < passwords.Count; i++)
        {
            Assert.DoesNotContain(passwords[i], stored, StringComparison.Ordinal);
            using var client = await app.ClientForAsync($"odd{i}", passwords[i]);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me", Cancel)).StatusCode);
        }
    }
}

public sealed class SqliteHostileFieldTests() : HostileFieldTests(StorageBackend.Sqlite);

public sealed class PostgresHostileFieldTests() : HostileFieldTests(StorageBackend.Postgres);
