using System.Buffers;
using GridMeter.Mqtt.Codec;
using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Broker;

internal sealed partial class MqttServerConnection
{
    private readonly Lock _inLock = new();
    private Queue<PendingPublish>? _inQueue;
    private bool _inDraining;
    private TaskCompletionSource? _inSignal;

    private ValueTask HandlePublish(MqttFixedHeader header, in ReadOnlySequence<byte> body)
    {
        MqttMessage message;
        PublishHeader publish;
        // The alias table is made on the first PUBLISH, not per connection: idle devices never need it.
        var aliases = _inboundAliases ??= _inboundAliasMaximum > 0 ? new string?[_inboundAliasMaximum + 1] : NoAliases;
        if (body.IsSingleSegment)
        {
            message = MqttDecoder.DecodePublishMessage(header.Flags, body.FirstSpan, Version, aliases, out publish);
        }
        else
        {
            message = MqttDecoder.DecodePublishMessage(header.Flags, body.ToArray(), Version, aliases, out publish);
        }
        message.ReceivedTimestamp = _broker.Time.GetTimestamp();
        var isRepeat = message.QualityOfService == MqttQualityOfService.ExactlyOnce && Session!.IsReceivingQos2(publish.PacketId);
        var item = new PendingPublish(message, publish.PacketId, isRepeat, null);
        var decision = isRepeat ? ValueTask.FromResult(MqttPublishDecision.Accept) : _broker.EvaluateAsync(Client!, message, isWill: false, Aborted);
        return Accept(item, decision);
    }

    /// <summary>
    /// Acknowledges and routes in receive order (MQTT 3.1.1 §4.6) while the hooks of later publishes may
    /// already run: a publish whose hooks finished at once, with nothing ahead of it, is done right here.
    /// </summary>
    private ValueTask Accept(PendingPublish item, ValueTask<MqttPublishDecision> decision)
    {
        bool start;
        int waiting;
        lock (_inLock)
        {
            if (!_inDraining && decision.IsCompletedSuccessfully)
            {
                start = false;
                waiting = -1;
            }
            else
            {
                (_inQueue ??= new Queue<PendingPublish>()).Enqueue(item with { Decision = decision.AsTask() });
                start = !_inDraining;
                _inDraining = true;
                waiting = _inQueue.Count;
            }
        }
        if (waiting < 0)
        {
            Finish(item, decision.Result, deferKick: true);
            return default;
        }
        if (start)
        {
            _ = DrainInboundAsync();
        }
        return waiting >= _broker.Options.ReceiveMaximum ? WaitInboundAsync(untilIdle: false) : default;
    }

    private async Task DrainInboundAsync()
    {
        while (true)
        {
            PendingPublish head;
            lock (_inLock)
            {
                if (_inQueue is not { Count: > 0 })
                {
                    _inDraining = false;
                    SignalInbound();
                    return;
                }
                head = _inQueue.Peek();
            }
            MqttPublishDecision decision;
            try
            {
                decision = await head.Decision!.ConfigureAwait(false);
            }
            catch (Exception)
            {
                decision = MqttPublishDecision.Reject(MqttReasonCode.ImplementationSpecificError);
            }
            Finish(head, decision, deferKick: false);
            lock (_inLock)
            {
                _inQueue!.Dequeue();
                SignalInbound();
            }
        }
    }

    private void SignalInbound()
    {
        _inSignal?.TrySetResult();
        _inSignal = null;
    }

    /// <summary>Waits for room in the pipeline, or (<paramref name="untilIdle"/>) until every earlier publish is done.</summary>
    private async ValueTask WaitInboundAsync(bool untilIdle)
    {
        while (true)
        {
            Task signal;
            lock (_inLock)
            {
                var done = untilIdle ? !_inDraining : _inQueue is not { Count: var count } || count < _broker.Options.ReceiveMaximum;
                if (done)
                {
                    return;
                }
                _inSignal ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                signal = _inSignal.Task;
            }
            await signal.WaitAsync(Aborted).ConfigureAwait(false);
        }
    }

    private void Finish(in PendingPublish item, MqttPublishDecision decision, bool deferKick)
    {
        var message = item.Message;
        if (!item.IsRepeat && decision.Route)
        {
            _broker.Route(message, Client!.ClientId);
        }
        var reason = Version == MqttProtocolVersion.V500 ? decision.ReasonCode : MqttReasonCode.Success;
        switch (message.QualityOfService)
        {
            case MqttQualityOfService.AtLeastOnce:
                SendAck(MqttPacketType.PubAck, item.PacketId, reason, decision.ReasonString, deferKick);
                break;
            case MqttQualityOfService.ExactlyOnce:
                if ((byte)reason < 0x80)
                {
                    Session!.MarkReceivingQos2(item.PacketId);
                }
                SendAck(MqttPacketType.PubRec, item.PacketId, reason, decision.ReasonString, deferKick);
                break;
        }
    }

    private void HandleAck(MqttFixedHeader header, in ReadOnlySequence<byte> body)
    {
        var properties = default(MqttProperties);
        var span = body.IsSingleSegment ? body.FirstSpan : body.ToArray();
        var (packetId, reason) = MqttDecoder.DecodeAck(header.Type, header.Flags, span, Version, ref properties);
        var session = Session!;
        switch (header.Type)
        {
            case MqttPacketType.PubAck or MqttPacketType.PubComp:
                session.Complete(packetId);
                break;
            case MqttPacketType.PubRec:
                if (session.Received(packetId, reason))
                {
                    SendAck(MqttPacketType.PubRel, packetId, MqttReasonCode.Success, deferKick: true);
                }
                break;
            case MqttPacketType.PubRel:
                // MQTT 5.0 §4.3.3: release the id; an unknown id is answered with 0x92 (3.1.1: plain PUBCOMP).
                var known = session.ReleaseQos2(packetId);
                SendAck(MqttPacketType.PubComp, packetId, known ? MqttReasonCode.Success : MqttReasonCode.PacketIdentifierNotFound, deferKick: true);
                break;
        }
    }
}
