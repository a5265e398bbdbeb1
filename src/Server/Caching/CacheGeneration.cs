using System.Security.Cryptography;
using System.Text;
using OgcTiler.Server.Plugins;
using StackExchange.Redis;

namespace OgcTiler.Server.Caching;

/// <summary>
/// The configuration part of every tile key: a fingerprint of what this instance draws with (the <c>Layers</c>,
/// <c>Encoding</c> and <c>TileMatrixSets</c> configuration and the loaded plugins' names and versions) and a
/// generation counter shared through Redis. An instance that starts (or reloads a plugin) with a fingerprint other
/// than the last one recorded in Redis increments the counter and publishes it: every instance then uses new keys, so
/// none serves a tile drawn before the change. The plugin generation (reloads in this process) is part of the key too.
/// The first sync runs once every hosted service has started, so the plugins loaded at start are in the fingerprint.
/// </summary>
internal sealed class CacheGeneration : IHostedLifecycleService
{
    private const string SyncScript = """
        if redis.call('GET', KEYS[1]) ~= ARGV[1] then
          redis.call('SET', KEYS[1], ARGV[1])
          local generation = redis.call('INCR', KEYS[2])
          redis.call('PUBLISH', KEYS[2], generation)
          return generation
        end
        return tonumber(redis.call('GET', KEYS[2]) or '0')
        """;

    private readonly IConfiguration _configuration;
    private readonly IPluginCatalog _plugins;
    private readonly PluginCatalog? _catalog;
    private readonly RedisConnection _redis;
    private readonly ILogger<CacheGeneration> _logger;
    private long _current;
    private volatile bool _started;
    private int _subscribed;

    public CacheGeneration(IConfiguration configuration, IPluginCatalog plugins, RedisConnection redis, ILogger<CacheGeneration> logger, PluginCatalog? catalog = null)
    {
        _configuration = configuration;
        _plugins = plugins;
        _catalog = catalog;
        _redis = redis;
        _logger = logger;
        Fingerprint = ComputeFingerprint();
        _plugins.Changed += OnPluginsChanged;
        _redis.Restored += () =>
        {
            if (_started)
                _ = SyncAsync();
        };
    }

    /// <summary>16 hex digits of the SHA-256 of this instance's drawing configuration.</summary>
    public string Fingerprint { get; private set; }

    public long Current => Interlocked.Read(ref _current);

    /// <summary>The key part, e.g. <c>g3.0f1e2d3c4b5a6978.p1</c>.</summary>
    public string KeyPart => $"g{Current}.{Fingerprint}.p{_plugins.Generation}";

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        _started = true;
        await SyncAsync();
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private RedisChannel Channel => RedisChannel.Literal(_redis.Prefix + "generation");

    private void OnPluginsChanged()
    {
        Fingerprint = ComputeFingerprint();
        if (_started)
            _ = SyncAsync();
    }

    /// <summary>Subscribes to the generation channel (once it works) and takes the shared generation, incrementing it when the fingerprint changed.</summary>
    private async Task SyncAsync()
    {
        if (_redis.Database is not { } db)
            return;
        try
        {
            if (Interlocked.Exchange(ref _subscribed, 1) == 0)
                await SubscribeAsync();
            var result = await db.ScriptEvaluateAsync(SyncScript,
                [_redis.Prefix + "fingerprint", _redis.Prefix + "generation"], [Fingerprint]);
            var generation = (long)result;
            Interlocked.Exchange(ref _current, generation);
            _logger.LogInformation("Tile cache generation {Generation} (configuration {Fingerprint})", generation, Fingerprint);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            _redis.Failed(e);
        }
    }

    private async Task SubscribeAsync()
    {
        try
        {
            await _redis.Subscriber!.SubscribeAsync(Channel, (_, value) =>
            {
                if (value.TryParse(out long generation))
                    Interlocked.Exchange(ref _current, generation);
            });
        }
        catch
        {
            Interlocked.Exchange(ref _subscribed, 0);
            throw;
        }
    }

    private string ComputeFingerprint()
    {
        var text = new StringBuilder();
        foreach (var section in (string[])["Layers", "Encoding", "TileMatrixSets"])
            foreach (var (key, value) in _configuration.GetSection(section).AsEnumerable().OrderBy(p => p.Key, StringComparer.Ordinal))
                text.Append(key).Append('=').Append(value).Append('\n');
        if (_catalog is not null)
            foreach (var plugin in _catalog.Snapshot.Plugins.Values.OrderBy(p => p.Name, StringComparer.Ordinal))
                text.Append("plugin=").Append(plugin.Name).Append('@').Append(plugin.Version).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))[..8]);
    }
}
