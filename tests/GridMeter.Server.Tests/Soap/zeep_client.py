"""Calls every operation of GridMeter's SOAP services with zeep, from their WSDLs as served.

Usage: zeep_client.py BASE_URL CONSUMER PASSWORD ADMIN ADMIN_PASSWORD METER APPLIANCE DEVICE_SECRET OTHER_METER
Prints one JSON object: what each call answered, and the fault string of each call that must fail.
"""
import datetime
import json
import sys

import requests
from zeep import Client
from zeep.exceptions import Fault
from zeep.helpers import serialize_object
from zeep.transports import Transport
from zeep.wsse.username import UsernameToken

base, consumer, password, admin, admin_password, meter, appliance, device_secret, other_meter = sys.argv[1:10]
utc = datetime.timezone.utc


def client(service, wsse=None, basic=None):
    session = requests.Session()
    if basic:
        session.auth = basic
    return Client(f"{base}/soap/{service}?wsdl", transport=Transport(session=session), wsse=wsse)


def plain(value):
    return json.loads(json.dumps(serialize_object(value), default=str))


def fault(call):
    try:
        call()
    except Fault as e:
        return e.message
    return "no fault"


as_consumer = UsernameToken(consumer, password)
results = {}

# AddService: as the device (HTTP Basic meterId:secret), then as an admin (HTTP Basic username:password).
device = client("AddService", basic=(meter, device_secret)).service
start = datetime.datetime(2026, 11, 22, 8, 0, tzinfo=utc)
readings = [{"timestamp": start + datetime.timedelta(minutes=15 * i), "obis": "1-0:1.8.0", "value": f"{1500 + i * 0.5:.3f}"} for i in range(9)]
month = [
    {"timestamp": datetime.datetime(2026, 9, 30, 22, 0, tzinfo=utc), "obis": "1-0:1.8.0", "value": "1000.000"},
    {"timestamp": datetime.datetime(2026, 10, 31, 23, 0, tzinfo=utc), "obis": "1-0:1.8.0", "value": "1310.000"},
]
results["addAsDevice"] = plain(device.AddReadings(meterId=meter, reading=readings + month))
results["addAsAdmin"] = plain(client("AddService", basic=(admin, admin_password)).service.AddReadings(meterId=meter, reading=readings[:2]))
results["addForOtherMeterAsDevice"] = fault(lambda: device.AddReadings(meterId=other_meter, reading=readings[:1]))
results["addAsConsumer"] = fault(lambda: client("AddService", wsse=as_consumer).service.AddReadings(meterId=meter, reading=readings[:1]))
results["addMalformed"] = fault(lambda: device.AddReadings(meterId=meter, reading=[{"timestamp": start, "obis": "not-obis", "value": "1"}]))

# TimeService
time_service = client("TimeService", wsse=as_consumer).service
end = start + datetime.timedelta(hours=2)
results["readings"] = plain(time_service.GetReadings(meterId=meter, **{"from": start, "to": end}))
results["readingsOfOtherMeter"] = fault(lambda: time_service.GetReadings(meterId=other_meter, **{"from": start, "to": end}))
results["readingsBackwards"] = fault(lambda: time_service.GetReadings(meterId=meter, **{"from": end, "to": start}))
results["wrongPassword"] = fault(lambda: client("TimeService", wsse=UsernameToken(consumer, "wrong password")).service.GetReadings(
    meterId=meter, **{"from": start, "to": end}))

# SubService
sub = client("SubService", wsse=as_consumer).service
results["aggregates"] = plain(sub.GetAggregates(meterId=meter, **{"from": start, "to": end}, interval="hour"))
results["aggregatesBadInterval"] = fault(lambda: sub.GetAggregates(meterId=meter, **{"from": start, "to": end}, interval="fortnight"))

# CustomerInformationService
customers = client("CustomerInformationService", wsse=as_consumer).service
results["customer"] = plain(customers.GetCustomerDetails())
results["lastMonth"] = plain(customers.GetLastMonthUsage(meterId=meter))
results["devices"] = plain(customers.GetRegisteredDevices())
results["customerOfSomeoneElse"] = fault(lambda: customers.GetCustomerDetails(username="theirs-consumer"))

# DeviceControlService
control = client("DeviceControlService", wsse=as_consumer).service
results["utilisation"] = plain(control.GetUtilisation(meterId=meter, applianceId=appliance, **{"from": start, "to": end}))
results["faults"] = plain(control.GetFaults(meterId=meter, **{"from": start, "to": end}))
results["switch"] = fault(lambda: control.SwitchAppliance(meterId=meter, applianceId=appliance, state="off"))
results["switchUnknownAppliance"] = fault(lambda: control.SwitchAppliance(meterId=meter, applianceId="nothing-here", state="off"))

print(json.dumps(results))
