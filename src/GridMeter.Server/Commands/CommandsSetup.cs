namespace GridMeter.Server.Commands;

public static class CommandsSetup
{
    public static IHostApplicationBuilder AddCommands(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CommandsOptions>().BindConfiguration(CommandsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<CommandStore>();
        builder.Services.AddSingleton<CommandFeed>();
        builder.Services.AddSingleton<CommandDelivery>();
        builder.Services.AddSingleton<MeterCommands>();
        builder.Services.AddSingleton<CommandsJob>();
        builder.Services.AddHostedService(s => s.GetRequiredService<CommandsJob>());
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, CommandsJson.Default));
        return builder;
    }
}
