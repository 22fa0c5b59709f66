namespace GridMeter.Server.Tests.Security;

/// <summary>A field of a request body that takes text: a string, an array of strings, or a number also accepted as a string.</summary>
public sealed record BodyField(string Name, bool IsArray, bool IsNumber);
