// MQTT.js (Debian's node-mqtt) against a broker on 127.0.0.1: subscribe, publish QoS 1, receive, for one protocol version.
// Usage: NODE_PATH=/usr/share/nodejs node mqttjs_roundtrip.js PORT VERSION(4|5)
const mqtt = require('mqtt');
const [port, version] = process.argv.slice(2).map(Number);
const fail = (why) => { console.log('FAIL ' + why); process.exit(1); };
setTimeout(() => fail('timed out'), 10000).unref();
const options = { protocolVersion: version, clean: true, reconnectPeriod: 0 };
const subscriber = mqtt.connect(`mqtt://127.0.0.1:${port}`, { ...options, clientId: `js-sub-${version}` });
subscriber.on('error', (e) => fail('subscriber: ' + e.message));
subscriber.on('connect', () => {
  subscriber.subscribe('js/+/readings', { qos: 1 }, (err, granted) => {
    if (err || granted[0].qos !== 1) fail('subscribe: ' + (err ? err.message : JSON.stringify(granted)));
    const publisher = mqtt.connect(`mqtt://127.0.0.1:${port}`, { ...options, clientId: `js-pub-${version}` });
    publisher.on('error', (e) => fail('publisher: ' + e.message));
    publisher.on('connect', () => {
      const props = version === 5 ? { properties: { userProperties: { meter: 'MTR-1' }, contentType: 'application/json' } } : {};
      publisher.publish('js/MTR-1/readings', '{"readings":[]}', { qos: 1, ...props }, (e) => {
        if (e) fail('publish: ' + e.message);
        publisher.end();
      });
    });
  });
});
subscriber.on('message', (topic, payload, packet) => {
  if (topic !== 'js/MTR-1/readings' || payload.toString() !== '{"readings":[]}') fail('unexpected ' + topic);
  if (version === 5 && (!packet.properties || packet.properties.contentType !== 'application/json')) fail('properties lost: ' + JSON.stringify(packet.properties));
  console.log('PASS mqtt.js v' + version + ' ' + topic + ' ' + payload.toString());
  subscriber.end(false, () => process.exit(0));
});
