using GridMeter.Server.Auth;
using GridMeter.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridMeter.Server.Soap;

/// <summary>
/// SOAP 1.1 at /soap/{service}, WSDL at /soap/{service}?wsdl. The endpoints themselves admit anyone:
/// a SOAP client expects authentication failures as SOAP faults, so each call authenticates
/// inside (<see cref="SoapAuthentication"/>) and each operation applies the caller's scope as the
/// REST endpoints do. Requests that are not SOAP at all (unknown service, wrong content type) are
/// answered with problem documents like the rest of the API.
/// </summary>
public static partial class SoapApi
{
    /// <summary>Largest request envelope accepted; readings in bulk go through AddService in several calls.</summary>
    public const int MaxEnvelopeBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapSoap(this IEndpointRouteBuilder app)
    {
        var soap = app.MapGroup("/soap").WithTags("SOAP");
        soap.MapGet("/{service}", Wsdl).RequireAccess(Access.Anonymous)
            .WithSummary("The WSDL of a SOAP service (TimeService, AddService, SubService, CustomerInformationService, DeviceControlService); ask with ?wsdl");
        soap.MapPost("/{service}", CallAsync).RequireAccess(Access.Anonymous)
            .Accepts<string>("text/xml")
            .WithSummary("A SOAP 1.1 call (text/xml envelope) authenticated by HTTP Basic or a WS-Security UsernameToken; errors are SOAP faults");
        return app;
    }

    private static Results<ContentHttpResult, ProblemHttpResult> Wsdl(string service, HttpContext http, SoapServices services)
    {
        var found = services.Find(service);
        if (found is null)
        {
            return UnknownService();
        }
        var address = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/soap/{found.Name}";
        return TypedResults.Content(SoapWsdl.For(found, address).ToString(), "text/xml; charset=utf-8");
    }

    private static async Task<IResult> CallAsync(
        string service, HttpContext http, SoapServices services, SoapAuthentication authentication, ILogger<SoapServices> logger, CancellationToken cancellationToken)
    {
        var found = services.Find(service);
        if (found is null)
        {
            return UnknownService();
        }
        if (!IsXml(http.Request.ContentType))
        {
            return TypedResults.Problem("SOAP 1.1 requests are sent as text/xml", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }
        var body = await RequestBody.ReadAsync(http.Request, MaxEnvelopeBytes, cancellationToken);
        if (body.Length > MaxEnvelopeBytes)
        {
            return Fault(SoapFault.Client($"The envelope is larger than {MaxEnvelopeBytes} bytes", StatusCodes.Status413PayloadTooLarge));
        }
        var problem = SoapEnvelope.TryRead(body, out var request, out var token);
        if (problem is not null)
        {
            return Fault(problem);
        }
        var operation = request.Name.Namespace == SoapService.Namespace ? found.Find(request.Name.LocalName) : null;
        if (operation is null)
        {
            return Fault(SoapFault.Client($"{found.Name} has no operation {request.Name}"));
        }
        var (person, device) = await authentication.AuthenticateAsync(http, token, cancellationToken);
        if (person is null && device is null)
        {
            return Fault(SoapFault.Unauthenticated());
        }
        var answer = await operation.Handle(new SoapCall(request, person, device, http), cancellationToken);
        if (answer.Fault is { } fault)
        {
            LogFault(logger, found.Name, operation.Name, fault.Code, fault.Status);
            return Fault(fault);
        }
        var response = new System.Xml.Linq.XElement(SoapCall.Ns + (operation.Name + "Response"), answer.Content);
        return new SoapResult(response, null);
    }

    private static SoapResult Fault(SoapFault fault) => new(null, fault);

    private static ProblemHttpResult UnknownService() =>
        TypedResults.Problem("No such SOAP service; there are TimeService, AddService, SubService, CustomerInformationService and DeviceControlService",
            statusCode: StatusCodes.Status404NotFound);

    private static bool IsXml(string? contentType) =>
        contentType?.Split(';')[0].Trim().ToLowerInvariant() is "text/xml" or "application/soap+xml" or "application/xml";

    [LoggerMessage(Level = LogLevel.Information, Message = "SOAP {Service}.{Operation} answered a {Code} fault ({Status})")]
    private static partial void LogFault(ILogger logger, string service, string operation, string code, int status);

    private sealed class SoapResult(System.Xml.Linq.XElement? content, SoapFault? fault) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => fault is null
            ? SoapEnvelope.WriteAsync(httpContext.Response, content!, StatusCodes.Status200OK, httpContext.RequestAborted)
            : SoapEnvelope.WriteFaultAsync(httpContext.Response, fault, httpContext.RequestAborted);
    }
}
