using System.Net;
using System.Text;
using GridMeter.Server.Tests.Accounts;

namespace GridMeter.Server.Tests.Security;

/// <summary>
/// What an attacker does to requests: path tricks in every id, oversized, malformed and deeply
/// nested bodies, wrong content types. Every one is answered 4xx with a problem document, never
/// 500, and stores nothing.
/// </summary>
public abstract class HostileRequestTests(StorageBackend storage)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("..")]
    [InlineData("../../etc/passwd")]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("%2e%2e")]
    [InlineData("MTR-1/../MTR-2")]
    [InlineData("MTR-1'--")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("\u041CTR-1")]
    [InlineData(" MTR-1")]
    [InlineData("MTR-1%00")]
    public async Task Path_tricks_in_ids_answer_4xx_problem_documents(string id)
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        var target = await HostileTarget.CreateAsync(app);
        var failures = new List<string>();
        var before = await target.CountRowsAsync();

        foreach (var operation in target.Operations.Where(o => o.Path.Contains('{', StringComparison.Ordinal)))
        {
            var path = AccessMatrixTests.Fill(operation.Path, _ => id);
            if (new Uri(new Uri("http://localhost"), path).AbsolutePath == "/")
            {
                // "/soap/.." climbs out of every route to the portal's home page: no id is looked up there.
                continue;
            }
            var body = operation.BodyType is null ? null : "{}";
            foreach (var client in new[] { target.Admin, target.Device })
            {
                var response = await client.SendAsync(HostileTarget.Request(operation.Method, path, body, operation.BodyType), Cancel);
                await HostileTarget.ExpectRefusalAsync(response, $"{operation.Method} {path}", failures);
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await target.CountRowsAsync());
    }

    [Fact]
    public async Task Oversized_bodies_are_refused_with_413_whether_or_not_their_length_is_announced()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        var target = await HostileTarget.CreateAsync(app);
        var failures = new List<string>();
        var big = "{\"name\":\"" + new string('A', 2 * 1024 * 1024) + "\"}";

        foreach (var operation in target.Operations.Where(o => o.BodyType == "application/json"))
        {
            foreach (var announced in new[] { true, false })
            {
                var request = HostileTarget.Request(operation.Method, HostileTarget.Fill(operation.Path), null, null);
                request.Content = announced
                    ? new StringContent(big, Encoding.UTF8, "application/json")
                    : new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big))) { Headers = { { "Content-Type", "application/json" } } };
                var response = await target.ClientFor(operation).SendAsync(request, Cancel);
                await HostileTarget.ExpectRefusalAsync(response, $"{operation} with {(announced ? "" : "un")}announced 2 MiB", failures, 413);
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task Bodies_in_the_wrong_content_type_are_refused_with_415(string? contentType)
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        var target = await HostileTarget.CreateAsync(app);
        var failures = new List<string>();
        var before = await target.CountRowsAsync();

        foreach (var operation in target.Operations.Where(o => o.BodyType == "application/json"))
        {
            var response = await target.ClientFor(operation).SendAsync(
                HostileTarget.Request(operation.Method, HostileTarget.Fill(operation.Path), target.ValidBody(operation.Name).ToJsonString(), contentType), Cancel);
            await HostileTarget.ExpectRefusalAsync(response, $"{operation} as {contentType ?? "no content type"}", failures, 415);
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await target.CountRowsAsync());
    }

    [Theory]
    [InlineData("{\"id\":")]
    [InlineData("[1,2,3]")]
    [InlineData("\"just a string\"")]
    [InlineData("not json")]
    public async Task Malformed_json_is_refused_with_400(string json)
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        var target = await HostileTarget.CreateAsync(app);
        var failures = new List<string>();
        var before = await target.CountRowsAsync();

        foreach (var operation in target.Operations.Where(o => o.BodyType == "application/json"))
        {
            var response = await target.ClientFor(operation).SendAsync(HostileTarget.Request(operation.Method, HostileTarget.Fill(operation.Path), json, "application/json"), Cancel);
            await HostileTarget.ExpectRefusalAsync(response, $"{operation} with {json}", failures);
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await target.CountRowsAsync());
    }

    [Fact]
    public async Task Deeply_nested_json_is_refused_without_exhausting_the_stack()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        var target = await HostileTarget.CreateAsync(app);
        var nested = new string('[', 10_000) + new string(']', 10_000);

        var response = await target.Admin.SendAsync(HostileTarget.Request("POST", "/api/v1/organisations", $"{{\"id\":{nested}}}", "application/json"), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

public sealed class SqliteHostileRequestTests() : HostileRequestTests(StorageBackend.Sqlite);

public sealed class PostgresHostileRequestTests() : HostileRequestTests(StorageBackend.Postgres);
