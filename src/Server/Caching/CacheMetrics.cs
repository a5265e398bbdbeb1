using System.Diagnostics.Metrics;

namespace OgcTiler.Server.Caching;

/// <summary>The tile cache's instruments, in the server's meter <c>OgcTiler</c>.</summary>
internal static class CacheMetrics
{
    private static readonly Meter Meter = new("OgcTiler");

    public static readonly Counter<long> Lookups =
        Meter.CreateCounter<long>("ogctiler.tile_cache.lookups", description: "Tile requests by where the tile came from (Memory, Redis, Peer, Collapsed, Rendered, RenderedRedisUnavailable, NotCached, NotModified)");

    public static readonly Counter<long> Renders =
        Meter.CreateCounter<long>("ogctiler.tile_cache.renders", description: "Tiles rendered by this instance");
}
