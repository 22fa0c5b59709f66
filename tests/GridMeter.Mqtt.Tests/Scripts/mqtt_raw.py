"""A bare MQTT 3.1.1 socket client for the cases paho-mqtt cannot play: not acknowledging,
not pinging, a second CONNECT, a wrong protocol name, a zero-length client id without clean session."""
import socket
import struct
import time


def encode_string(value):
    data = value.encode("utf-8") if isinstance(value, str) else value
    return struct.pack("!H", len(data)) + data


def varint(n):
    out = bytearray()
    while True:
        byte, n = n % 128, n // 128
        out.append(byte | 0x80 if n > 0 else byte)
        if n == 0:
            return bytes(out)


def packet(first, body):
    return bytes([first]) + varint(len(body)) + body


def connect_packet(client_id, clean=True, keepalive=0, will=None, protocol_name="MQTT", level=4):
    flags = 0x02 if clean else 0x00
    payload = encode_string(client_id)
    if will:
        topic, message, qos, retain = will
        flags |= 0x04 | (qos << 3) | (0x20 if retain else 0)
        payload += encode_string(topic) + encode_string(message)
    body = encode_string(protocol_name) + bytes([level, flags]) + struct.pack("!H", keepalive) + payload
    return packet(0x10, body)


class RawClient:
    def __init__(self, port, host="127.0.0.1"):
        self.sock = socket.create_connection((host, port))
        self.sock.settimeout(5)
        self.buffer = b""
        self.next_id = 0

    def send(self, data):
        self.sock.sendall(data)

    def _fill(self, count, deadline):
        while len(self.buffer) < count:
            self.sock.settimeout(max(0.01, deadline - time.monotonic()))
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed by the broker")
            self.buffer += chunk

    def receive(self, timeout=5.0):
        """The next packet as (type, flags, body); raises ConnectionError when closed, socket.timeout when silent."""
        deadline = time.monotonic() + timeout
        self._fill(2, deadline)
        length, multiplier, index = 0, 1, 1
        while True:
            self._fill(index + 1, deadline)
            byte = self.buffer[index]
            length += (byte & 0x7F) * multiplier
            multiplier *= 128
            index += 1
            if byte & 0x80 == 0:
                break
        self._fill(index + length, deadline)
        first = self.buffer[0]
        body = self.buffer[index:index + length]
        self.buffer = self.buffer[index + length:]
        return first >> 4, first & 0x0F, body

    def connect(self, client_id, **kwargs):
        """Sends CONNECT and returns (session_present, return_code) from CONNACK."""
        self.send(connect_packet(client_id, **kwargs))
        kind, _, body = self.receive()
        assert kind == 2, "expected CONNACK, got packet type %d" % kind
        return body[0] & 1, body[1]

    def packet_id(self):
        self.next_id = self.next_id % 65535 + 1
        return self.next_id

    def subscribe(self, filters_and_qos):
        pid = self.packet_id()
        body = struct.pack("!H", pid) + b"".join(encode_string(f) + bytes([q]) for f, q in filters_and_qos)
        self.send(packet(0x82, body))
        return pid

    def publish(self, topic, payload, qos=0, retain=False):
        pid = self.packet_id() if qos else 0
        body = encode_string(topic) + (struct.pack("!H", pid) if qos else b"") + payload
        self.send(packet(0x30 | (qos << 1) | (1 if retain else 0), body))
        return pid

    def ack(self, kind, pid):
        self.send(packet((kind << 4) | (0x02 if kind == 6 else 0), struct.pack("!H", pid)))

    def disconnect(self):
        self.send(b"\xe0\x00")
        self.sock.close()

    def terminate(self):
        self.sock.shutdown(socket.SHUT_RDWR)
        self.sock.close()


def parse_publish(flags, body):
    """(topic, payload, qos, retain, dup, packet id) of a PUBLISH body."""
    qos = (flags >> 1) & 3
    length = struct.unpack("!H", body[:2])[0]
    topic = body[2:2 + length].decode("utf-8")
    rest = body[2 + length:]
    pid = 0
    if qos:
        pid = struct.unpack("!H", rest[:2])[0]
        rest = rest[2:]
    return topic, rest, qos, bool(flags & 1), bool(flags & 8), pid
