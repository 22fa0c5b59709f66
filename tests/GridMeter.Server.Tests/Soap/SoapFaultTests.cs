using System.Net;
using System.Text;
using GridMeter.Server.Tests.Accounts;

namespace GridMeter.Server.Tests.Soap;

/// <summary>What a hostile or careless SOAP client sends: every one is a SOAP fault with a 4xx status, never a 500.</summary>
public sealed class SoapFaultTests
{
    private const string Envelope = """<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:g="urn:gridmeter:soap:v1"><soap:Body>{0}</soap:Body></soap:Envelope>""";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Garbage => new()
    {
        { "not xml", "not xml at all" },
        { "json", "{\"readings\":[]}" },
        { "external entity", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>" },
        { "entity expansion", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><x>&b;</x>" },
        { "soap 1.2", "<e:Envelope xmlns:e=\"http://www.w3.org/2003/05/soap-envelope\"><e:Body/></e:Envelope>" },
        { "empty body", string.Format(null, Envelope, "") },
        { "unknown operation", string.Format(null, Envelope, "<g:DropTables/>") },
        { "deep nesting", string.Format(null, Envelope, "<g:GetReadings>" + string.Concat(Enumerable.Repeat("<a>", 10_000)) + string.Concat(Enumerable.Repeat("</a>", 10_000)) + "</g:GetReadings>") },
        { "no credentials", string.Format(null, Envelope, "<g:GetReadings><g:meterId>MTR-OURS</g:meterId></g:GetReadings>") },
        { "nul in an id", string.Format(null, Envelope, "<g:GetReadings><g:meterId>MTR&#x1;</g:meterId></g:GetReadings>") },
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public async Task Garbage_envelopes_are_answered_with_a_soap_fault_and_a_4xx_status(string label, string body)
    {
        await using var app = await GridMeterApp.StartAsync();
        using var client = app.CreateClient();

        var response = await client.PostAsync("/soap/TimeService", new StringContent(body, Encoding.UTF8, "text/xml"), Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{label}: {(int)response.StatusCode} {text}");
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<faultstring>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_parameters_of_an_authenticated_call_are_one_fault_naming_each()
    {
        await using var app = await GridMeterApp.StartAsync();
        await World.CreateAsync(app);
        using var admin = app.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{GridMeterApp.AdminPassword}")));

        var response = await admin.PostAsync("/soap/TimeService", new StringContent(
            string.Format(null, Envelope, "<g:GetReadings><g:meterId>MTR-OURS</g:meterId><g:from>yesterday</g:from><g:to>2026-11-22T10:00:00</g:to></g:GetReadings>"),
            Encoding.UTF8, "text/xml"), Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<faultcode>soap:Client</faultcode>", text, StringComparison.Ordinal);
        Assert.Contains("from must be an xsd:dateTime", text, StringComparison.Ordinal);
        Assert.Contains("to must be an xsd:dateTime", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_that_is_not_soap_gets_a_problem_document()
    {
        await using var app = await GridMeterApp.StartAsync();
        using var client = app.CreateClient();

        var unknown = await client.PostAsync("/soap/NoSuchService", new StringContent("<x/>", Encoding.UTF8, "text/xml"), Cancel);
        var json = await client.PostAsync("/soap/TimeService", new StringContent("{}", Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal("application/problem+json", json.Content.Headers.ContentType?.MediaType);
    }
}
