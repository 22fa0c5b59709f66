"""MQTT 5.0 features played with python3-paho-mqtt against a broker on 127.0.0.1.
Usage: paho_v5.py PORT CASE... Prints "PASS case" or "FAIL case: why"; exits 1 when any case failed."""
import sys
import time
import traceback

import paho.mqtt.client as mqtt
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties
from paho.mqtt.subscribeoptions import SubscribeOptions


def wait_for(condition, what, timeout=5.0):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for " + what)
        time.sleep(0.02)


class Client:
    def __init__(self, port, client_id, clean_start=True, keepalive=60, properties=None):
        self.messages = []
        self.reason_codes = None
        self.connack = None
        self.client = mqtt.Client(client_id=client_id, protocol=mqtt.MQTTv5)
        self.client.on_message = lambda c, u, m: self.messages.append(m)
        self.client.on_subscribe = lambda c, u, mid, codes, props: setattr(self, "reason_codes", codes)
        self.client.on_connect = lambda c, u, flags, rc, props: setattr(self, "connack", (flags, rc, props))
        self.client.connect("127.0.0.1", port, keepalive=keepalive, clean_start=clean_start, properties=properties)
        self.client.loop_start()
        wait_for(lambda: self.connack is not None, "CONNACK")
        assert self.connack[1] == 0, "connect refused: %s" % (self.connack[1],)

    def subscribe(self, topic, options):
        self.reason_codes = None
        self.client.subscribe(topic, options=options)
        wait_for(lambda: self.reason_codes is not None, "SUBACK")
        return [code.value for code in self.reason_codes]

    def publish(self, topic, payload, qos=1, properties=None):
        info = self.client.publish(topic, payload, qos, properties=properties)
        info.wait_for_publish(5)
        assert info.is_published(), "publish to %s was not acknowledged" % topic

    def disconnect(self):
        self.client.disconnect()
        self.client.loop_stop()


def case_properties(port):
    a = Client(port, "v5-props-sub")
    a.subscribe("v5/props", SubscribeOptions(qos=1))
    b = Client(port, "v5-props-pub")
    props = Properties(PacketTypes.PUBLISH)
    props.ResponseTopic = "v5/replies"
    props.CorrelationData = b"\x01\x02"
    props.ContentType = "application/json"
    props.UserProperty = [("meter", "MTR-1")]
    props.MessageExpiryInterval = 60
    props.PayloadFormatIndicator = 1
    b.publish("v5/props", b"{}", 1, props)
    wait_for(lambda: len(a.messages) == 1, "the message with properties")
    got = a.messages[0].properties
    assert got.ResponseTopic == "v5/replies", got
    assert got.CorrelationData == b"\x01\x02", got
    assert got.ContentType == "application/json", got
    assert ("meter", "MTR-1") in got.UserProperty, got
    assert 0 < got.MessageExpiryInterval <= 60, got
    assert got.PayloadFormatIndicator == 1, got
    a.disconnect()
    b.disconnect()


def case_no_local(port):
    a = Client(port, "v5-nolocal-a")
    a.subscribe("v5/nolocal", SubscribeOptions(qos=1, noLocal=True))
    b = Client(port, "v5-nolocal-b")
    b.subscribe("v5/nolocal", SubscribeOptions(qos=1))
    a.publish("v5/nolocal", b"own", 1)
    wait_for(lambda: len(b.messages) == 1, "the message at the other subscriber")
    time.sleep(0.3)
    assert len(a.messages) == 0, "No Local subscriber got its own message"
    a.disconnect()
    b.disconnect()


def case_shared(port):
    members = [Client(port, "v5-share-%d" % i) for i in range(2)]
    for member in members:
        member.subscribe("$share/ingest/v5/shared", SubscribeOptions(qos=1))
    publisher = Client(port, "v5-share-pub")
    for i in range(10):
        publisher.publish("v5/shared", b"%d" % i, 1)
    wait_for(lambda: sum(len(m.messages) for m in members) == 10, "10 messages over the group")
    assert all(len(m.messages) == 5 for m in members), "round robin: %s" % [len(m.messages) for m in members]
    for client in members + [publisher]:
        client.disconnect()


def case_topic_alias(port):
    props = Properties(PacketTypes.CONNECT)
    props.TopicAliasMaximum = 4
    a = Client(port, "v5-alias-sub", properties=props)
    a.subscribe("v5/alias/#", SubscribeOptions(qos=1))
    b = Client(port, "v5-alias-pub")
    for i in range(3):
        b.publish("v5/alias/long/topic/name", b"%d" % i, 1)
    wait_for(lambda: len(a.messages) == 3, "3 messages sent with a topic alias")
    # paho-mqtt 1.6 hands aliased messages over unresolved, so the alias itself is what can be checked:
    # the first carries topic and alias, the later ones the alias alone (MQTT 5.0 §3.3.2.3.4).
    aliases = [m.properties.TopicAlias for m in a.messages]
    assert aliases[0] == aliases[1] == aliases[2] and aliases[0] > 0, aliases
    assert [m.topic for m in a.messages] == ["v5/alias/long/topic/name", "", ""], [m.topic for m in a.messages]
    a.disconnect()
    b.disconnect()


def case_assigned_client_id(port):
    a = Client(port, "")
    assigned = getattr(a.connack[2], "AssignedClientIdentifier", None)
    assert assigned, "no Assigned Client Identifier in CONNACK: %s" % a.connack[2]
    a.disconnect()


def case_session_expiry(port):
    props = Properties(PacketTypes.CONNECT)
    props.SessionExpiryInterval = 60
    a = Client(port, "v5-expiry", clean_start=True, properties=props)
    a.subscribe("v5/expiry", SubscribeOptions(qos=1))
    a.disconnect()
    b = Client(port, "v5-expiry-pub")
    b.publish("v5/expiry", b"while away", 1)
    b.disconnect()
    a = Client(port, "v5-expiry", clean_start=False, properties=props)
    assert a.connack[0]["session present"] == 1, a.connack
    wait_for(lambda: len(a.messages) == 1, "the message queued while away")
    a.disconnect()


def case_subscribe_refused(port):
    a = Client(port, "v5-refused")
    codes = a.subscribe("meters/x/commands", SubscribeOptions(qos=1))
    assert codes == [0x87], "expected 0x87 Not authorized, got %s" % codes
    a.disconnect()


def case_server_keep_alive(port):
    a = Client(port, "v5-keepalive", keepalive=0)
    assert a.connack[2].ServerKeepAlive > 0, a.connack[2]
    a.disconnect()


def main():
    port = int(sys.argv[1])
    failed = False
    for name in sys.argv[2:]:
        try:
            globals()["case_" + name](port)
            print("PASS " + name, flush=True)
        except Exception as e:
            traceback.print_exc()
            print("FAIL %s: %r" % (name, e), flush=True)
            failed = True
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
