namespace GridMeter.Server.Connect;

public static class ConnectSetup
{
    public static IHostApplicationBuilder AddConnect(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ConnectStore>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ConnectJson.Default));
        return builder;
    }
}
