using System.Text.Json.Nodes;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Server.Caching;
using StackExchange.Redis;

namespace OgcTiler.Server.Api.Searches;

/// <summary>
/// Searches in the Redis of <c>Cache:Redis</c> (key <c>{InstanceName}search:{id}</c>, no expiry), so every instance
/// sees a search registered on any of them. While Redis is down, registering and looking up fail with 424 rather than
/// keeping a search that the other instances would not see.
/// </summary>
internal sealed class RedisSearchStore(RedisConnection redis) : ISearchStore
{
    public async Task SaveAsync(RegisteredSearch search, CancellationToken cancellationToken) =>
        await Run(db => db.StringSetAsync(Key(search.Id), search.ToJson().ToJsonString()));

    public async Task<RegisteredSearch?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var value = await Run(db => db.StringGetAsync(Key(id)));
        return value.IsNull ? null : RegisteredSearch.FromJson((JsonObject)JsonNode.Parse(value.ToString())!);
    }

    private RedisKey Key(string id) => redis.Prefix + "search:" + id;

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
