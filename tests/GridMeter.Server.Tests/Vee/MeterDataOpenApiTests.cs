namespace GridMeter.Server.Tests.Vee;

/// <summary>The API description covers the meter-data endpoints, so integrators find them.</summary>
public sealed class MeterDataOpenApiTests
{
    [Fact]
    public async Task The_openapi_document_describes_the_meter_data_endpoints()
    {
        await using var app = await GridMeterApp.StartAsync();
        using var client = app.CreateClient();

        var document = await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);

        Assert.All(
            ["/api/v1/meters/{id}/consumption/summary", "/api/v1/meters/{id}/edits", "/api/v1/meters/{id}/register-events",
             "/api/v1/grid/nodes/{id}/balance", "/api/v1/meters/{id}/appliances/{applianceId}/readings", "/api/v1/organisations/{id}/vee-settings"],
            path => Assert.Contains($"\"{path}\"", document, StringComparison.Ordinal));
    }
}
