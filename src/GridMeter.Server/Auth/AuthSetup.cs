using GridMeter.Server.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace GridMeter.Server.Auth;

public static class AuthSetup
{
    public static IHostApplicationBuilder AddAuth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<AccessTokens>();
        builder.Services.AddSingleton<UserAccounts>();
        builder.Services.AddSingleton<Organisations>();
        builder.Services.AddHostedService<FirstAdmin>();
        builder.Services.AddAuthentication(BearerTokenHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, DeviceBasicHandler>(DeviceBasicHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            // People use the API with bearer tokens; endpoints for devices name their own scheme.
            .SetDefaultPolicy(new AuthorizationPolicyBuilder(BearerTokenHandler.SchemeName).RequireAuthenticatedUser().Build())
            .AddPolicy(DevicePolicy, policy => policy.AddAuthenticationSchemes(DeviceBasicHandler.SchemeName).RequireClaim(DeviceBasicHandler.MeterClaim));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, AuthJson.Default));
        return builder;
    }

    public const string DevicePolicy = "device";
}
