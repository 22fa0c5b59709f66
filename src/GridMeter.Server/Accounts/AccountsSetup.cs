namespace GridMeter.Server.Accounts;

public static class AccountsSetup
{
    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AccountsOptions>().BindConfiguration(AccountsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<UserAccounts>();
        builder.Services.AddSingleton<UserLinks>();
        builder.Services.AddSingleton<Organisations>();
        builder.Services.AddSingleton<PremisesDirectory>();
        builder.Services.AddHostedService<FirstAdmin>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, AccountsJson.Default));
        return builder;
    }
}
