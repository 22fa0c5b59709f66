namespace GridMeter.Server.Soap;

/// <summary>
/// A SOAP 1.1 fault (§4.4): "Client" when the request was wrong and sending it again will not help,
/// "Server" when GridMeter could not answer. The HTTP status says the same to proxies and logs.
/// </summary>
public sealed record SoapFault(string Code, string Message, int Status)
{
    public static SoapFault Client(string message, int status = StatusCodes.Status400BadRequest) => new("Client", message, status);

    public static SoapFault NotFound(string what) => Client($"{what} was not found", StatusCodes.Status404NotFound);

    public static SoapFault Unauthenticated() =>
        Client("Authentication required: HTTP Basic or a WS-Security UsernameToken with a password (or a bearer token or API key)", StatusCodes.Status401Unauthorized);

    public static SoapFault Forbidden(string message) => Client(message, StatusCodes.Status403Forbidden);
}
