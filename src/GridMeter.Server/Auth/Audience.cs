namespace GridMeter.Server.Auth;

/// <summary>Who an endpoint is for, before roles are considered.</summary>
public enum Audience
{
    /// <summary>No credentials needed: health, the OpenAPI document, logging in.</summary>
    Anyone,

    /// <summary>A meter or gateway with its own device secret.</summary>
    Device,

    /// <summary>A logged-in person (bearer token or portal cookie) or an integrator's API key.</summary>
    People,
}
