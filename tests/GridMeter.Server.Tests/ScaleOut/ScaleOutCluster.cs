using System.Net.Http.Headers;
using System.Net.Http.Json;
using GridMeter.Server.Auth;
using GridMeter.Server.Meters;
using GridMeter.Testing;
using Npgsql;

namespace GridMeter.Server.Tests.ScaleOut;

/// <summary>
/// The scaled-out layout for tests: Debian's Mosquitto (dynamic security), one fresh PostgreSQL
/// schema, and N real GridMeter.Server processes in external-broker mode sharing both. Nodes are
/// numbered from 0; each keeps its HTTP port, data directory and MQTT client id across restarts,
/// so a restarted node resumes its broker session.
/// </summary>
public sealed class ScaleOutCluster : IAsyncDisposable
{
    public const string AdminPassword = "scale-out-admin";

    private readonly List<(ServerProcess? Process, string DataDir, int HttpPort)> _nodes = [];

    private ScaleOutCluster(MosquittoBroker broker, string connectionString)
    {
        Broker = broker;
        ConnectionString = connectionString;
    }

    public MosquittoBroker Broker { get; }

    /// <summary>The PostgreSQL schema all nodes share.</summary>
    public string ConnectionString { get; }

    public ServerProcess Node(int index) => _nodes[index].Process ?? throw new InvalidOperationException($"node {index} is not running");

    /// <summary>Starts the broker, a fresh schema and <paramref name="nodes"/> nodes, one after the other (the first one migrates the schema).</summary>
    public static async Task<ScaleOutCluster> StartAsync(int nodes)
    {
        var connectionString = await TestPostgres.NewSchemaAsync();
        var cluster = new ScaleOutCluster(await MosquittoBroker.StartAsync(), connectionString);
        try
        {
            for (var i = 0; i < nodes; i++)
            {
                cluster._nodes.Add((null, Directory.CreateTempSubdirectory($"gridmeter-node{i}-").FullName, FreePort.Next()));
                await cluster.StartNodeAsync(i);
            }
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts (or restarts) node <paramref name="index"/>; returns once its /health says healthy, which needs the broker.</summary>
    public async Task<ServerProcess> StartNodeAsync(int index)
    {
        var (_, dataDir, httpPort) = _nodes[index];
        string[] arguments =
        [
            "--GridMeter:Storage:Provider=postgres",
            $"--GridMeter:Storage:ConnectionString={ConnectionString}",
            $"--GridMeter:Mqtt:ExternalBroker={Broker.Url}",
            $"--GridMeter:Mqtt:ClientId=gridmeter-node-{index}",
            $"--GridMeter:Mqtt:ExternalUsername={MosquittoBroker.AdminUsername}",
            $"--GridMeter:Mqtt:ExternalPassword={MosquittoBroker.AdminPassword}",
            "--GridMeter:Mqtt:MosquittoDynamicSecurity=true",
        ];
        var environment = new Dictionary<string, string> { [GridMeter.Server.Accounts.FirstAdmin.PasswordVariable] = AdminPassword };
        ServerProcess process;
        try
        {
            process = await ServerProcess.StartAsync(dataDir, arguments, environment, httpPort);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            throw new InvalidOperationException($"node {index} did not start; Mosquitto said:\n{Broker.Output}", e);
        }
        _nodes[index] = (process, dataDir, httpPort);
        return process;
    }

    /// <summary>SIGKILL of node <paramref name="index"/>: nothing it had not acknowledged to the broker is lost, the broker keeps it.</summary>
    public async Task KillNodeAsync(int index)
    {
        var node = Node(index);
        node.Kill();
        await node.DisposeAsync();
        _nodes[index] = (null, _nodes[index].DataDir, _nodes[index].HttpPort);
    }

    /// <summary>An HTTP client of node <paramref name="index"/>, logged in as the first admin.</summary>
    public async Task<HttpClient> AdminClientAsync(int index)
    {
        var http = Node(index).CreateClient();
        var login = await http.PostAsJsonAsync("/api/v1/auth/token", new { username = "admin", password = AdminPassword }, TestContext.Current.CancellationToken);
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<TokenResponse>(TestContext.Current.CancellationToken))!.AccessToken;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>Provisions a meter through node <paramref name="index"/>'s REST API; returns its device secret.</summary>
    public async Task<string> ProvisionMeterAsync(int index, string meterId)
    {
        using var http = await AdminClientAsync(index);
        var response = await http.PostAsJsonAsync("/api/v1/meters", new { id = meterId, timeZone = "Europe/Rome" }, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<MeterResponse>(TestContext.Current.CancellationToken))!.DeviceSecret!;
    }

    public async Task<NpgsqlConnection> OpenDatabaseAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (process, dataDir, _) in _nodes)
        {
            if (process is not null)
            {
                await process.DisposeAsync();
            }
            Directory.Delete(dataDir, recursive: true);
        }
        await Broker.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
    }
}
