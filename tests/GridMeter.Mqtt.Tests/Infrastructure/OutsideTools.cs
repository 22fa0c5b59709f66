using GridMeter.Testing;

namespace GridMeter.Mqtt.Tests.Infrastructure;

/// <summary>Where the Debian programs the interop tests run live.</summary>
public static class OutsideTools
{
    public static string Mosquitto => ExternalTool.Require("mosquitto", "/usr/sbin/mosquitto");

    public static string MosquittoPub => ExternalTool.Require("mosquitto_pub", "/usr/bin/mosquitto_pub");

    public static string MosquittoSub => ExternalTool.Require("mosquitto_sub", "/usr/bin/mosquitto_sub");

    /// <summary>Debian's Python, which has python3-paho-mqtt (not the python3 that may come first on PATH).</summary>
    public static string Python
    {
        get
        {
            var python = ExternalTool.Require("python3", "/usr/bin/python3");
            if (!File.Exists("/usr/lib/python3/dist-packages/paho/mqtt/client.py"))
            {
                ExternalTool.Unavailable("python3-paho-mqtt is not installed; run build/test.sh, which installs it");
            }
            return python;
        }
    }

    public static string Node
    {
        get
        {
            var node = ExternalTool.Require("node", "/usr/bin/node");
            if (!Directory.Exists("/usr/share/nodejs/mqtt"))
            {
                ExternalTool.Unavailable("node-mqtt (MQTT.js) is not installed; run build/test.sh, which installs it");
            }
            return node;
        }
    }

    public static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "Scripts", name);

    public static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(30);
}
