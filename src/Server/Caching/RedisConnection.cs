using OgcTiler.Server.Configuration;
using StackExchange.Redis;

namespace OgcTiler.Server.Caching;

/// <summary>
/// The one Redis connection of the tile cache (<c>Cache:Redis</c>), or none. While Redis is down the cache does not
/// wait for it (<see cref="Database"/> is null, commands fail fast instead of queueing); the client reconnects by
/// itself. Failures are logged once per <see cref="LogInterval"/>, with the count of the ones not logged.
/// </summary>
public sealed class RedisConnection : IDisposable
{
    public static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(30);

    private readonly ConnectionMultiplexer? _multiplexer;
    private readonly ILogger<RedisConnection> _logger;
    private readonly TimeProvider _clock;
    private readonly Lock _logLock = new();
    private DateTimeOffset _lastLogged = DateTimeOffset.MinValue;
    private int _notLogged;
    private int _down = 1;

    public RedisConnection(ServerOptions options, ILogger<RedisConnection> logger, TimeProvider clock)
    {
        _logger = logger;
        _clock = clock;
        if (options.Cache.Redis is not { } redis)
            return;
        Prefix = redis.InstanceName;
        var configuration = ConfigurationOptions.Parse(redis.Configuration);
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        _multiplexer = ConnectionMultiplexer.Connect(configuration);
        _multiplexer.ConnectionFailed += (_, e) =>
        {
            Volatile.Write(ref _down, 1);
            Failed(e.Exception ?? new RedisConnectionException(e.FailureType, "connection lost"));
        };
    }

    /// <summary>Whether <c>Cache:Redis</c> is configured at all.</summary>
    public bool Enabled => _multiplexer is not null;

    /// <summary>The prefix of every key (<c>Cache:Redis:InstanceName</c>).</summary>
    public string Prefix { get; } = "";

    /// <summary>The database while connected, else null. The first use after a failure (or a failed start) raises <see cref="Restored"/>.</summary>
    public IDatabase? Database
    {
        get
        {
            if (_multiplexer is not { IsConnected: true } m)
                return null;
            if (Interlocked.Exchange(ref _down, 0) == 1)
            {
                _logger.LogInformation("Redis tile cache connected");
                Restored?.Invoke();
            }
            return m.GetDatabase();
        }
    }

    public ISubscriber? Subscriber => _multiplexer?.GetSubscriber();

    /// <summary>Raised when Redis is usable again after a failure, and when it first is.</summary>
    public event Action? Restored;

    /// <summary>Logs a failed Redis command or connection, at most once per <see cref="LogInterval"/>.</summary>
    public void Failed(Exception error)
    {
        var now = _clock.GetUtcNow();
        int skipped;
        lock (_logLock)
        {
            if (now - _lastLogged < LogInterval)
            {
                _notLogged++;
                return;
            }
            _lastLogged = now;
            skipped = _notLogged;
            _notLogged = 0;
        }
        _logger.LogError(error, "Redis tile cache unavailable ({Skipped} more failures since the last report); tiles are served from memory: {Message}", skipped, error.Message);
    }

    public void Dispose() => _multiplexer?.Dispose();
}
