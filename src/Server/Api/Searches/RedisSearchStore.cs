using System.Text.Json.Nodes;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Server.Caching;
using StackExchange.Redis;

namespace OgcTiler.Server.Api.Searches;

/// <summary>
/// Searches in the Redis of <c>Cache:Redis</c> (key <c>{InstanceName}search:{id}</c>, no expiry; the ids in the
/// sorted set <c>{InstanceName}searches</c> scored by registration time, for the list), so every instance sees a
/// search registered on any of them. While Redis is down, registering and looking up fail with 424 rather than
/// keeping a search that the other instances would not see. Searches kept before the sorted set existed have no
/// place in it: the first list of each process finds their keys (one SCAN) and adds them at score 0, so they come
/// first, in id order, and every instance lists them.
/// </summary>
internal sealed class RedisSearchStore(RedisConnection redis, TimeProvider clock) : ISearchStore
{
    private const int ScanCount = 1000;
    private volatile bool _indexed;

    public async Task SaveAsync(RegisteredSearch search, CancellationToken cancellationToken) =>
        await Run(async db =>
        {
            await db.StringSetAsync(Key(search.Id), search.ToJson().ToJsonString());
            return await db.SortedSetAddAsync(Index, search.Id, clock.GetUtcNow().ToUnixTimeMilliseconds(), SortedSetWhen.NotExists);
        });

    public async Task<RegisteredSearch?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var value = await Run(db => db.StringGetAsync(Key(id)));
        return value.IsNull ? null : Parse(value);
    }

    public async Task<IReadOnlyList<RegisteredSearch>> ListAsync(CancellationToken cancellationToken)
    {
        if (!_indexed)
        {
            await Run(IndexUnlistedAsync);
            _indexed = true;
        }
        var values = await Run(async db =>
        {
            var ids = await db.SortedSetRangeByRankAsync(Index);
            return ids.Length == 0 ? [] : await db.StringGetAsync([.. ids.Select(id => Key(id.ToString()))]);
        });
        return [.. values.Where(v => !v.IsNull).Select(Parse)];
    }

    /// <summary>Adds every stored search missing from the index at score 0 (<c>ZADD NX</c>: a listed one keeps its place); the count added.</summary>
    private async Task<long> IndexUnlistedAsync(IDatabase db)
    {
        var keyPrefix = redis.Prefix + "search:";
        var pattern = EscapeGlob(keyPrefix) + "*";
        var (cursor, added) = ("0", 0L);
        do
        {
            var reply = (RedisResult[])(await db.ExecuteAsync("SCAN", cursor, "MATCH", pattern, "COUNT", ScanCount))!;
            cursor = reply[0].ToString();
            var ids = ((RedisResult[])reply[1]!).Select(k => k.ToString()[keyPrefix.Length..]).Where(RegisteredSearch.IsId).ToArray();
            if (ids.Length > 0)
                added += await db.SortedSetAddAsync(Index, [.. ids.Select(id => new SortedSetEntry(id, 0))], SortedSetWhen.NotExists);
        }
        while (cursor != "0");
        return added;
    }

    /// <summary>The instance name as a literal in a Redis glob pattern.</summary>
    private static string EscapeGlob(string text) => string.Concat(text.Select(c => c is '*' or '?' or '[' or ']' or '\\' ? "\\" + c : c.ToString()));

    private static RegisteredSearch Parse(RedisValue value) => RegisteredSearch.FromJson((JsonObject)JsonNode.Parse(value.ToString())!);

    private RedisKey Key(string id) => redis.Prefix + "search:" + id;

    private RedisKey Index => redis.Prefix + "searches";

    private async Task<T> Run<T>(Func<IDatabase, Task<T>> command)
    {
        var database = redis.Database ?? throw Unavailable(null);
        try
        {
            return await command(database);
        }
        catch (RedisException e)
        {
            redis.Failed(e);
            throw Unavailable(e);
        }
    }

    private static UpstreamException Unavailable(Exception? inner) =>
        new("the registered searches are kept in Redis (Cache:Redis), which is not reachable now; try again later", null, inner);
}
