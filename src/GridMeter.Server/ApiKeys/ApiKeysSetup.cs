namespace GridMeter.Server.ApiKeys;

public static class ApiKeysSetup
{
    public static IHostApplicationBuilder AddApiKeys(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiKeysJson.Default));
        return builder;
    }
}
