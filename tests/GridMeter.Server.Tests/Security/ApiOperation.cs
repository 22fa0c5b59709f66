using System.Text.Json;

namespace GridMeter.Server.Tests.Security;

/// <summary>One operation of the server's own OpenAPI document: its query parameters and the string fields of its JSON body.</summary>
public sealed record ApiOperation(string Method, string Path, IReadOnlyList<string> Query, string? BodyType, IReadOnlyList<BodyField> StringFields)
{
    public string Name => $"{Method} {Path}";

    public override string ToString() => Name;

    public static IReadOnlyList<ApiOperation> From(JsonElement document)
    {
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var operations = new List<ApiOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var query = operation.Value.TryGetProperty("parameters", out var parameters)
                    ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!).ToList()
                    : [];
                string? bodyType = null;
                var fields = new List<BodyField>();
                if (operation.Value.TryGetProperty("requestBody", out var body))
                {
                    var content = body.GetProperty("content").EnumerateObject().First();
                    bodyType = content.Name;
                    fields = FindStringFields(Resolve(content.Value.GetProperty("schema"), schemas));
                }
                operations.Add(new(operation.Name.ToUpperInvariant(), path.Name, query, bodyType, fields));
            }
        }
        return operations;
    }

    private static JsonElement Resolve(JsonElement schema, JsonElement schemas) =>
        schema.TryGetProperty("$ref", out var reference) ? schemas.GetProperty(reference.GetString()!.Split('/')[^1]) : schema;

    private static List<BodyField> FindStringFields(JsonElement schema)
    {
        var fields = new List<BodyField>();
        if (!schema.TryGetProperty("properties", out var properties))
        {
            return fields;
        }
        foreach (var property in properties.EnumerateObject())
        {
            var types = Types(property.Value);
            if (types.Contains("string"))
            {
                // Numbers may also be sent as strings ("42"): text that must parse as a number.
                fields.Add(new(property.Name, IsArray: false, IsNumber: types.Contains("integer") || types.Contains("number")));
            }
            else if (types.Contains("array") && property.Value.TryGetProperty("items", out var items) && Types(items).Contains("string"))
            {
                fields.Add(new(property.Name, IsArray: true, IsNumber: false));
            }
        }
        return fields;
    }

    private static List<string> Types(JsonElement schema) => !schema.TryGetProperty("type", out var type)
        ? []
        : type.ValueKind == JsonValueKind.Array ? [.. type.EnumerateArray().Select(t => t.GetString()!)] : [type.GetString()!];
}
