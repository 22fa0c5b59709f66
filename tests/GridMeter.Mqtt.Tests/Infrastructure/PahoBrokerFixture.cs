namespace GridMeter.Mqtt.Tests.Infrastructure;

/// <summary>One broker shared by the conformance cases, as the Paho suite runs all its cases against one server.</summary>
public sealed class PahoBrokerFixture : IAsyncLifetime
{
    private TestBroker? _broker;

    public int Port => _broker!.Port;

    public async ValueTask InitializeAsync() => _broker = await TestBroker.StartAsync(hooks: new AnonymousOutsideMetersHooks());

    public async ValueTask DisposeAsync()
    {
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
    }
}
