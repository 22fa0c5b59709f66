using System.Net;
using GridMeter.Server.Tests.Accounts;
using GridMeter.Server.Tests.GreenButton;

namespace GridMeter.Server.Tests.Exports;

/// <summary>CSV exports hold exactly what the caller may see.</summary>
public sealed class ExportsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_consumers_consumption_export_holds_their_own_meter_only_with_the_consumption_apis_numbers()
    {
        await using var app = await GridMeterApp.StartAsync();
        var world = await World.CreateAsync(app);
        await GreenButtonTests.SendReadingsAsync(app, world, "MTR-OURS");
        await GreenButtonTests.SendReadingsAsync(app, world, "MTR-THEIRS");
        using var consumer = await app.ClientForAsync("ours-consumer", World.Password);

        var response = await consumer.GetAsync("/api/v1/exports/consumption.csv?from=2026-11-22T08:00:00Z&to=2026-11-22T10:00:00Z&interval=hour", Cancel);
        var lines = (await response.Content.ReadAsStringAsync(Cancel)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var theirs = await consumer.GetAsync("/api/v1/exports/events.csv?scope=meter:MTR-THEIRS&from=2026-11-01&to=2026-11-23", Cancel);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
        [
            "meterId,start,end,kWh,quality",
            "MTR-OURS,2026-11-22T09:00:00+01:00,2026-11-22T10:00:00+01:00,1,actual",
            "MTR-OURS,2026-11-22T10:00:00+01:00,2026-11-22T11:00:00+01:00,1,actual",
        ], lines);
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("-1.5", "-1.5")]
    public void Fields_are_quoted_and_formulas_defused(string field, string written) =>
        Assert.Equal(written.Contains('"', StringComparison.Ordinal) && !written.StartsWith('"') ? $"\"{written.Replace("\"", "\"\"", StringComparison.Ordinal)}\"\r\n" : written + "\r\n",
            GridMeter.Server.Exports.CsvLine.Of(field));
}
