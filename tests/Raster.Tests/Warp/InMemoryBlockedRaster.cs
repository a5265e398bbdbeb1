using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Warp;

namespace OgcTiler.Raster.Tests.Warp;

/// <summary>One level held in memory: band-sequential samples of the whole level and an optional mask (255 valid).</summary>
internal sealed record InMemoryLevel(RasterLevel Level, float[] Samples, byte[]? Mask = null);

/// <summary>An <see cref="IBlockedRaster"/> serving blocks cut from whole levels in memory; records what was read.</summary>
internal sealed class InMemoryBlockedRaster(string uri, CrsDefinition crs, int bandCount, double? nodata, IReadOnlyList<InMemoryLevel> levels) : IBlockedRaster
{
    private readonly Dictionary<(int, BlockIndex), RasterBlock> _cache = [];

    public string Uri => uri;

    public CrsDefinition Crs => crs;

    public int BandCount => bandCount;

    public double? Nodata => nodata;

    public RasterDataType DataType { get; init; } = RasterDataType.Float32;

    public IReadOnlyList<RasterLevel> Levels { get; } = levels.Select(l => l.Level).ToArray();

    public AreaOfInterest? AreaOfInterest { get; } = RasterArea.Of(crs, levels[0].Level);

    public (double Scale, double Offset)[]? Scaling { get; init; }

    /// <summary>Whether to keep <see cref="Reads"/> (the benchmark turns it off).</summary>
    public bool RecordReads { get; init; } = true;

    /// <summary>Every ReadBlocksAsync call: the level and the blocks asked for.</summary>
    public List<(int Level, IReadOnlyList<BlockIndex> Blocks)> Reads { get; } = [];

    public (double Scale, double Offset) GetBandScaling(int band) => Scaling?[band] ?? (1, 0);

    public InMemoryBlockedRaster WithScaling((double Scale, double Offset)[] scaling) =>
        new(uri, crs, bandCount, nodata, levels) { Scaling = scaling, RecordReads = RecordReads };

    public Task<IReadOnlyList<RasterBlock>> ReadBlocksAsync(int level, IReadOnlyList<BlockIndex> blocks, CancellationToken cancellationToken)
    {
        lock (_cache)
        {
            if (RecordReads)
                Reads.Add((level, blocks.ToArray()));
            var result = new RasterBlock[blocks.Count];
            for (var i = 0; i < blocks.Count; i++)
            {
                if (!_cache.TryGetValue((level, blocks[i]), out var block))
                    _cache[(level, blocks[i])] = block = Cut(levels[level], blocks[i]);
                result[i] = block;
            }
            return Task.FromResult<IReadOnlyList<RasterBlock>>(result);
        }
    }

    private RasterBlock Cut(InMemoryLevel source, BlockIndex index)
    {
        var level = source.Level;
        if (index.X < 0 || index.Y < 0 || index.X >= level.BlocksAcross || index.Y >= level.BlocksDown)
            throw new ArgumentOutOfRangeException(nameof(index), index, "block outside the level");
        var (bw, bh) = (level.BlockWidth, level.BlockHeight);
        var samples = new float[bw * bh * bandCount];
        var mask = source.Mask is null ? null : new byte[bw * bh];
        var x0 = index.X * bw;
        var y0 = index.Y * bh;
        var count = Math.Min(bw, level.Width - x0);
        for (var y = 0; y < bh && y0 + y < level.Height; y++)
        {
            for (var b = 0; b < bandCount; b++)
            {
                source.Samples.AsSpan(b * level.Width * level.Height + (y0 + y) * level.Width + x0, count)
                    .CopyTo(samples.AsSpan(b * bw * bh + y * bw, count));
            }
            source.Mask?.AsSpan((y0 + y) * level.Width + x0, count).CopyTo(mask.AsSpan(y * bw, count));
        }
        return new RasterBlock<float>(bw, bh, bandCount, samples, mask);
    }
}
