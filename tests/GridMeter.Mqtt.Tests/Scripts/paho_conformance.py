"""The cases of the Eclipse Paho interoperability suite for MQTT 3.1.1 (client_test.py), played with
python3-paho-mqtt against a broker on 127.0.0.1. Usage: paho_conformance.py PORT CASE...
Prints "PASS case" or "FAIL case: why" per case; exits 1 when any case failed."""
import socket
import sys
import time
import traceback

import paho.mqtt.client as mqtt

from mqtt_raw import RawClient, connect_packet, parse_publish

TOPICS = ("TopicA", "TopicA/B", "Topic/C", "TopicA/C", "/TopicA")
WILDTOPICS = ("TopicA/+", "+/C", "#", "/#", "/+", "+/+", "TopicA/#")
NOSUBSCRIBE_TOPICS = ("meters/x/commands",)


def wait_for(condition, what, timeout=5.0):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for " + what)
        time.sleep(0.02)


def settle(seconds=0.5):
    """A quiet window for asserting that nothing more arrives."""
    time.sleep(seconds)


class Client:
    def __init__(self, port, client_id, clean=True, keepalive=60):
        self.messages = []
        self.granted = None
        self.unsubscribed = False
        self.connack = None
        self.client = mqtt.Client(client_id=client_id, clean_session=clean, protocol=mqtt.MQTTv311)
        self.client.on_message = lambda c, u, m: self.messages.append((m.topic, m.payload, m.qos, m.retain))
        self.client.on_subscribe = lambda c, u, mid, granted: setattr(self, "granted", granted)
        self.client.on_unsubscribe = lambda c, u, mid: setattr(self, "unsubscribed", True)
        self.client.on_connect = lambda c, u, flags, rc: setattr(self, "connack", (flags.get("session present", 0), rc))
        self.client.connect("127.0.0.1", port, keepalive=keepalive)
        self.client.loop_start()
        wait_for(lambda: self.connack is not None, "CONNACK")
        assert self.connack[1] == 0, "connect refused: %s" % (self.connack,)

    def subscribe(self, pairs):
        self.granted = None
        self.client.subscribe(pairs)
        wait_for(lambda: self.granted is not None, "SUBACK")
        return self.granted

    def unsubscribe(self, topic):
        self.unsubscribed = False
        self.client.unsubscribe(topic)
        wait_for(lambda: self.unsubscribed, "UNSUBACK")

    def publish(self, topic, payload, qos=0, retain=False):
        info = self.client.publish(topic, payload, qos, retain)
        info.wait_for_publish(5)
        assert info.is_published(), "publish to %s was not acknowledged" % topic

    def disconnect(self):
        self.client.disconnect()
        self.client.loop_stop()


def expect_closed(raw, what):
    try:
        kind, _, body = raw.receive(timeout=3)
        assert kind == 2 and body[1] != 0, "%s: the broker answered packet type %d instead of closing" % (what, kind)
    except ConnectionError:
        pass
    except socket.timeout:
        raise AssertionError("%s: the broker kept the connection open" % what)


def case_basic(port):
    a = Client(port, "myclientid")
    a.disconnect()
    a = Client(port, "myclientid")
    assert a.connack[0] == 0, "session present after a clean connect"
    a.subscribe([(TOPICS[0], 2)])
    a.publish(TOPICS[0], b"qos 0")
    a.publish(TOPICS[0], b"qos 1", 1)
    a.publish(TOPICS[0], b"qos 2", 2)
    wait_for(lambda: len(a.messages) == 3, "3 messages, got %s" % a.messages)
    a.disconnect()
    raw = RawClient(port)
    assert raw.connect("myclientid")[1] == 0
    raw.send(connect_packet("myclientid"))
    expect_closed(raw, "second CONNECT on one connection")
    raw = RawClient(port)
    raw.send(connect_packet("myclientid", protocol_name="hj"))
    expect_closed(raw, "CONNECT with protocol name 'hj'")


def case_retained_messages(port):
    a = Client(port, "myclientid")
    assert a.connack[0] == 0
    a.publish(TOPICS[1], b"qos 0", 0, retain=True)
    a.publish(TOPICS[2], b"qos 1", 1, retain=True)
    a.publish(TOPICS[3], b"qos 2", 2, retain=True)
    a.subscribe([(WILDTOPICS[5], 2)])
    wait_for(lambda: len(a.messages) == 3, "3 retained messages, got %s" % a.messages)
    assert all(m[3] for m in a.messages), "retained flag missing: %s" % a.messages
    a.disconnect()
    a = Client(port, "myclientid")
    a.publish(TOPICS[1], b"", 0, retain=True)
    a.publish(TOPICS[2], b"", 1, retain=True)
    a.publish(TOPICS[3], b"", 2, retain=True)
    a.subscribe([(WILDTOPICS[5], 2)])
    settle()
    a.disconnect()
    assert len(a.messages) == 0, "retained messages were not cleared: %s" % a.messages


def case_offline_message_queueing(port):
    a = Client(port, "myclientid", clean=False)
    a.subscribe([(WILDTOPICS[5], 2)])
    a.disconnect()
    b = Client(port, "myclientid2", clean=True)
    assert b.connack[0] == 0
    b.publish(TOPICS[1], b"qos 0", 0)
    b.publish(TOPICS[2], b"qos 1", 1)
    b.publish(TOPICS[3], b"qos 2", 2)
    b.disconnect()
    a = Client(port, "myclientid", clean=False)
    assert a.connack[0] == 1, "session present flag not set for a persistent session"
    wait_for(lambda: len(a.messages) >= 2, "the queued QoS 1 and 2 messages, got %s" % a.messages)
    settle()
    a.disconnect()
    assert len(a.messages) in (2, 3), a.messages
    print("This server %s queueing QoS 0 messages for offline clients" % ("is" if len(a.messages) == 3 else "is not"))


def case_will_message(port):
    a = RawClient(port)
    assert a.connect("myclientid", clean=True, keepalive=2, will=(TOPICS[2], b"client not disconnected", 2, False)) == (0, 0)
    b = Client(port, "myclientid2", clean=False)
    b.subscribe([(TOPICS[2], 2)])
    a.terminate()
    wait_for(lambda: len(b.messages) == 1, "the will message", timeout=5)
    b.disconnect()


def case_overlapping_subscriptions(port):
    a = Client(port, "myclientid")
    a.subscribe([(WILDTOPICS[6], 2), (WILDTOPICS[0], 1)])
    a.publish(TOPICS[3], b"overlapping topic filters", 2)
    wait_for(lambda: len(a.messages) >= 1, "the message")
    settle()
    a.disconnect()
    qos = sorted(m[2] for m in a.messages)
    assert qos in ([2], [1, 2]), a.messages
    print("This server is publishing %s" % ("one message for all matching overlapping subscriptions" if qos == [2] else "one message per subscription"))


def case_keepalive(port):
    a = RawClient(port)
    assert a.connect("myclientid", clean=True, keepalive=5, will=(TOPICS[4], b"keepalive expiry", 2, False)) == (0, 0)
    b = Client(port, "myclientid2", clean=True, keepalive=0)
    b.subscribe([(TOPICS[4], 2)])
    wait_for(lambda: len(b.messages) == 1, "the will of the client that stopped pinging", timeout=15)
    b.disconnect()
    expect_closed(a, "a client silent for 1.5 x its keep alive")


def case_redelivery_on_reconnect(port):
    b = RawClient(port)
    assert b.connect("myclientid2", clean=False)[1] == 0
    b.subscribe([(WILDTOPICS[6], 2)])
    assert b.receive()[0] == 9, "expected SUBACK"
    b.publish(TOPICS[1], b"", 1)
    b.publish(TOPICS[3], b"", 2)
    unacknowledged, deadline = 0, time.monotonic() + 5
    while unacknowledged < 2 and time.monotonic() < deadline:
        kind, flags, body = b.receive()
        if kind == 3:
            unacknowledged += 1  # paused: delivered to us, never acknowledged
        elif kind == 5:
            b.ack(6, int.from_bytes(body[:2], "big"))
    assert unacknowledged == 2, "the broker did not deliver both messages before the reconnect"
    b.disconnect()
    b = RawClient(port)
    present, rc = b.connect("myclientid2", clean=False)
    assert rc == 0 and present == 1
    delivered = []
    while len(delivered) < 2:
        kind, flags, body = b.receive()
        if kind == 3:
            topic, _, qos, _, dup, pid = parse_publish(flags, body)
            assert dup, "a redelivered PUBLISH must have DUP set"
            if qos == 1:
                b.ack(4, pid)
                delivered.append(topic)
            else:
                b.ack(5, pid)
        elif kind == 6:
            pid = int.from_bytes(body[:2], "big")
            b.ack(7, pid)
            delivered.append("qos2 %d" % pid)
    b.disconnect()


def case_zero_length_clientid(port):
    raw = RawClient(port)
    try:
        _, rc = raw.connect("", clean=False)
        assert rc != 0, "an empty client id without clean session must be refused"
    except ConnectionError:
        pass
    raw = RawClient(port)
    assert raw.connect("", clean=True)[1] == 0, "an empty client id with clean session must be accepted"
    raw.disconnect()


def case_subscribe_failure(port):
    a = Client(port, "myclientid")
    granted = a.subscribe([(NOSUBSCRIBE_TOPICS[0], 2)])
    a.disconnect()
    assert granted[0] == 0x80, "return code should be 0x80: %s" % (granted,)


def case_dollar_topics(port):
    b = Client(port, "myclientid2", clean=True, keepalive=0)
    b.subscribe([(WILDTOPICS[5], 2)])
    settle()
    b.messages.clear()
    b.publish("$" + TOPICS[1], b"", 1)
    settle()
    b.disconnect()
    assert len(b.messages) == 0, b.messages


def case_unsubscribe(port):
    b = Client(port, "myclientid2", clean=True)
    b.subscribe([(TOPICS[0], 2)])
    b.subscribe([(TOPICS[1], 2)])
    b.subscribe([(TOPICS[2], 2)])
    b.unsubscribe(TOPICS[0])
    a = Client(port, "myclientid", clean=True)
    a.publish(TOPICS[0], b"", 1)
    a.publish(TOPICS[1], b"", 1)
    a.publish(TOPICS[2], b"", 1)
    wait_for(lambda: len(b.messages) >= 2, "the two still subscribed topics")
    settle()
    a.disconnect()
    b.disconnect()
    assert len(b.messages) == 2, b.messages


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
