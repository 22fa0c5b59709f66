namespace GridMeter.Server.Streams;

public static class StreamsSetup
{
    public static IHostApplicationBuilder AddStreams(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<StreamCatalog>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, StreamsJson.Default));
        return builder;
    }
}
