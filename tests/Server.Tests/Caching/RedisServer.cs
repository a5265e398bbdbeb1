using System.Net;
using System.Net.Sockets;
using OgcTiler.TestSupport;

namespace OgcTiler.Server.Tests.Caching;

/// <summary>
/// A real Debian redis-server on a free loopback port, without persistence, for the tests of one class. It can be
/// stopped and started again on the same port.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private RunningProcess? _process;

    public RedisServer()
    {
        Port = FreePort();
        Start();
    }

    public int Port { get; }

    /// <summary>The servers' configuration: short timeouts, so a stopped redis-server is noticed within a request.</summary>
    public string Configuration => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=500,syncTimeout=500,asyncTimeout=500,connectRetry=0";

    /// <summary>For a test's own look into Redis: timeouts that a loaded machine does not reach.</summary>
    public string InspectionConfiguration => $"127.0.0.1:{Port},connectTimeout=10000,syncTimeout=10000,asyncTimeout=10000";

    public void Start()
    {
        _process = ExternalProcess.Start("/usr/bin/redis-server", ["--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]);
        WaitUntilListening();
    }

    public void Stop()
    {
        _process?.Dispose();
        _process = null;
    }

    public void Dispose() => Stop();

    private void WaitUntilListening()
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }
        throw new InvalidOperationException($"redis-server is not listening on port {Port}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
