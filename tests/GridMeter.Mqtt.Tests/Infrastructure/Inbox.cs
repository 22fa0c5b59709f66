using System.Threading.Channels;
using GridMeter.Mqtt.Client;

namespace GridMeter.Mqtt.Tests.Infrastructure;

/// <summary>Collects what a client receives, so a test can await the next message with a timeout.</summary>
public sealed class Inbox
{
    private readonly Channel<MqttReceivedMessage> _messages = Channel.CreateUnbounded<MqttReceivedMessage>();

    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public Inbox(MqttClient client)
    {
        client.ReceiveHandler = (message, _) =>
        {
            _messages.Writer.TryWrite(message);
            return ValueTask.CompletedTask;
        };
    }

    public async Task<MqttReceivedMessage> NextAsync(string expectation, TimeSpan? timeout = null)
    {
        try
        {
            return await _messages.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(timeout ?? Patience);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"expected {expectation} within {(timeout ?? Patience).TotalSeconds} s, but no message arrived");
            throw;
        }
    }

    /// <summary>Asserts that nothing arrives for a while (used after a message that must not be delivered).</summary>
    public async Task ExpectNothingAsync(string why, TimeSpan window)
    {
        using var cancel = new CancellationTokenSource(window);
        try
        {
            var message = await _messages.Reader.ReadAsync(cancel.Token);
            Assert.Fail($"{why}, but {message.Message} arrived");
        }
        catch (OperationCanceledException)
        {
            // Silence, as expected.
        }
    }

    public bool TryTake(out MqttReceivedMessage? message) => _messages.Reader.TryRead(out message);
}
