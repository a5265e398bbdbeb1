using OgcTiler.Server.Configuration;
using StackExchange.Redis;

namespace OgcTiler.Server.Caching;

/// <summary>
/// The shared second-level tile cache in Redis, and the short render lock that makes one instance render a tile while
/// the others wait for it. Every call returns "unavailable" rather than throwing when Redis is down or fails.
/// </summary>
public sealed class TileStore(RedisConnection redis, ServerOptions options)
{
    /// <summary>How long a render lock lives when its holder dies before releasing it.</summary>
    public static readonly TimeSpan RenderLockTime = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan PeerPoll = TimeSpan.FromMilliseconds(20);

    private readonly TimeSpan _expiration = TimeSpan.FromSeconds(options.Cache.Redis?.ExpirationSeconds ?? 0);
    private readonly RedisValue _owner = Guid.NewGuid().ToString("N");

    public bool Enabled => redis.Enabled;

    public RedisKey KeyOf(string key) => redis.Prefix + key;

    /// <summary>The stored tile (null when absent or not one of ours), or Available false when Redis cannot be asked.</summary>
    public async Task<(CachedTile? Tile, bool Available)> GetAsync(string key)
    {
        if (redis.Database is not { } db)
            return (null, false);
        try
        {
            // A pooled lease rather than a byte[] per GET: the tile's bytes are copied once, into the tile L1 keeps
            // (bench/RESULTS.md: each allocation on this path is garbage-collection pause in the L2 hits' p99).
            using var value = await db.StringGetLeaseAsync(KeyOf(key));
            return (value is null ? null : CachedTileFormat.Read(value.Span), true);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            redis.Failed(e);
            return (null, false);
        }
    }

    public async Task<bool> SetAsync(string key, CachedTile tile) =>
        await Try(db => db.StringSetAsync(KeyOf(key), CachedTileFormat.Write(tile), _expiration)) ?? false;

    /// <summary>Whether the tile is stored; null when Redis cannot be asked.</summary>
    public Task<bool?> ExistsAsync(string key) => Try(db => db.KeyExistsAsync(KeyOf(key)));

    /// <summary>Takes the render lock of a tile: true when this instance may render it, false when another holds it, null when Redis cannot be asked.</summary>
    public Task<bool?> TryLockAsync(string key) => Try(db => db.LockTakeAsync(LockOf(key), _owner, RenderLockTime));

    public Task<bool?> ReleaseAsync(string key) => Try(db => db.LockReleaseAsync(LockOf(key), _owner));

    /// <summary>
    /// Waits while another instance holds the render lock and returns the tile it stored, or null when the lock went
    /// away (or expired) without a tile: the caller renders then.
    /// </summary>
    public async Task<CachedTile?> WaitForPeerAsync(string key, CancellationToken cancellation)
    {
        var deadline = Environment.TickCount64 + (long)RenderLockTime.TotalMilliseconds;
        while (Environment.TickCount64 < deadline)
        {
            await Task.Delay(PeerPoll, cancellation);
            var (tile, available) = await GetAsync(key);
            if (tile is not null || !available)
                return tile;
            if (await Try(db => db.KeyExistsAsync(LockOf(key))) != true)
                return (await GetAsync(key)).Tile;
        }
        return null;
    }

    private RedisKey LockOf(string key) => redis.Prefix + "lock|" + key;

    private async Task<T?> Try<T>(Func<IDatabase, Task<T>> command) where T : struct
    {
        if (redis.Database is not { } db)
            return null;
        try
        {
            return await command(db);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            redis.Failed(e);
            return null;
        }
    }
}
