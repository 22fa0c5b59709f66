namespace GridMeter.Server.GreenButton;

public static class GreenButtonSetup
{
    public static IHostApplicationBuilder AddGreenButton(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<GreenButtonFeed>();
        return builder;
    }
}
