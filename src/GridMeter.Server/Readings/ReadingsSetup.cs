namespace GridMeter.Server.Readings;

public static class ReadingsSetup
{
    public static IHostApplicationBuilder AddReadings(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReadingsOptions>().BindConfiguration(ReadingsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ReadingsCommitted>();
        builder.Services.AddSingleton<ReadingWriter>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ReadingWriter>());
        builder.Services.AddSingleton<ReadingIngest>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ReadingsJson.Default));
        return builder;
    }
}
