using OgcTiler.Abstractions.Raster;

namespace OgcTiler.TestSupport.Fakes;

/// <summary>
/// An in-memory dataset in the grid's own CRS (no reprojection): band b (1-based) holds
/// <c>value(b, x, y)</c> at the centre of each target pixel inside <see cref="Bounds"/>; outside it pixels are masked.
/// Counts reads so tests can assert caching.
/// </summary>
public sealed class FakeRasterDataset(string uri, string crs, Bounds bounds, int bandCount, Func<int, double, double, float> value) : IRasterDataset, ICountsReads
{
    private int _reads;

    public string Uri { get; } = uri;

    public Bounds Bounds { get; } = bounds;

    public int Reads => _reads;

    public RasterInfo Info { get; } = new(
        crs, [bounds.MinX, bounds.Width / 1024, 0, bounds.MaxY, 0, -bounds.Height / 1024], 1024, 1024, RasterDataType.UInt16, 0,
        Enumerable.Range(1, bandCount).Select(b => new BandInfo($"band {b}")).ToArray(), [(512, 512)], 256, 256, false,
        bounds, new Bounds(-180, -85, 180, 85));

    /// <summary>A uint16-like dataset covering <paramref name="bounds"/> in EPSG:3857 whose band b holds b*1000 everywhere.</summary>
    public static FakeRasterDataset Constant(string uri, Bounds bounds, int bandCount) =>
        new(uri, "EPSG:3857", bounds, bandCount, (b, _, _) => b * 1000f);

    public Task<RasterData> ReadAsync(TargetGrid grid, IReadOnlyList<int>? bands, ReadOptions options, CancellationToken cancellationToken)
    {
        if (grid.Crs != Info.Crs)
            throw new NotSupportedException($"the fake dataset only reads in {Info.Crs}, not {grid.Crs}");
        Interlocked.Increment(ref _reads);
        var indexes = bands ?? Enumerable.Range(1, Info.BandCount).ToArray();
        var data = RasterData.Create(grid.Width, grid.Height, indexes.Select(b => "b" + b).ToArray());
        for (var row = 0; row < grid.Height; row++)
        {
            var y = grid.MaxY - (row + 0.5) * grid.ResolutionY;
            for (var col = 0; col < grid.Width; col++)
            {
                var x = grid.MinX + (col + 0.5) * grid.ResolutionX;
                if (x < Bounds.MinX || x >= Bounds.MaxX || y < Bounds.MinY || y >= Bounds.MaxY)
                    continue;
                var i = row * grid.Width + col;
                data.Mask[i] = 255;
                for (var b = 0; b < indexes.Count; b++)
                    data.Band(b)[i] = value(indexes[b], x, y);
            }
        }
        return Task.FromResult(data);
    }
}
