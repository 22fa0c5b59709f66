namespace GridMeter.Server.Soap;

public static class SoapSetup
{
    public static IHostApplicationBuilder AddSoap(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SoapAuthentication>();
        builder.Services.AddSingleton(new SoapServices(
            [TimeService.Definition, AddService.Definition, SubService.Definition, CustomerInformationService.Definition, DeviceControlService.Definition]));
        return builder;
    }
}
