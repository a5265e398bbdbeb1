using System.Diagnostics.Metrics;

namespace OgcTiler.Raster.Io;

/// <summary>The engine's instruments (meter <c>OgcTiler.Raster</c>): lookups in the decoded-block cache and in the compressed-block cache of remote files.</summary>
public static class RasterMetrics
{
    public const string MeterName = "OgcTiler.Raster";

    private static readonly Meter Meter = new(MeterName);

    internal static readonly Counter<long> BlockLookups =
        Meter.CreateCounter<long>("ogctiler.block_cache.lookups", description: "Decoded-block cache lookups, by result (hit, miss)");

    internal static readonly Counter<long> CompressedBlockLookups =
        Meter.CreateCounter<long>("ogctiler.compressed_block_cache.lookups",
            description: "Compressed-block cache lookups (stored bytes of remote files' blocks, before a range request), by result (hit, miss)");

    internal static readonly KeyValuePair<string, object?> Hit = new("result", "hit");

    internal static readonly KeyValuePair<string, object?> Miss = new("result", "miss");
}
