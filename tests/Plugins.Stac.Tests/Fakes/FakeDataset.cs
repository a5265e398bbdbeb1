using OgcTiler.Abstractions.Raster;
using OgcTiler.TestSupport.Fakes;

namespace OgcTiler.Plugins.Stac.Tests.Fakes;

/// <summary>
/// An in-memory dataset read by nearest neighbour at target pixel centres, in its own CRS only (no reprojection):
/// enough to check which pixels the plugin routes where. Records every read.
/// </summary>
internal sealed class FakeDataset(string uri, string crs, double[] geoTransform, int width, int height, float[][] values, double? nodata)
    : IRasterDataset, ICountsReads
{
    private int _reads;

    public string Uri { get; } = uri;

    public int Reads => _reads;

    public ReadOptions? LastOptions { get; private set; }

    public RasterInfo Info { get; } = new(crs, geoTransform, width, height, RasterDataType.UInt16, nodata,
        [.. values.Select((_, i) => new BandInfo($"band {i + 1}"))], [], width, height, false,
        new Bounds(geoTransform[0], geoTransform[3] + height * geoTransform[5], geoTransform[0] + width * geoTransform[1], geoTransform[3]),
        new Bounds(-180, -90, 180, 90));

    /// <summary>Sample of 1-based band <paramref name="band"/> at source pixel (col,row).</summary>
    public float Sample(int band, int col, int row) => values[band - 1][row * width + col];

    public Task<RasterData> ReadAsync(TargetGrid grid, IReadOnlyList<int>? bands, ReadOptions options, CancellationToken cancellationToken)
    {
        if (grid.Crs != Info.Crs)
            throw new NotSupportedException($"fake dataset reads only in {Info.Crs}, not {grid.Crs}");
        Interlocked.Increment(ref _reads);
        LastOptions = options;
        var indexes = bands ?? [.. Enumerable.Range(1, values.Length)];
        var data = RasterData.Create(grid.Width, grid.Height, [.. indexes.Select(b => "b" + b)]);
        var noValue = options.Nodata ?? Info.Nodata;
        for (var row = 0; row < grid.Height; row++)
        {
            var y = grid.MaxY - (row + 0.5) * grid.ResolutionY;
            var srcRow = (int)Math.Floor((y - geoTransform[3]) / geoTransform[5]);
            for (var col = 0; col < grid.Width; col++)
            {
                var x = grid.MinX + (col + 0.5) * grid.ResolutionX;
                var srcCol = (int)Math.Floor((x - geoTransform[0]) / geoTransform[1]);
                if (srcRow < 0 || srcRow >= height || srcCol < 0 || srcCol >= width)
                    continue;
                var p = row * grid.Width + col;
                var valid = true;
                for (var i = 0; i < indexes.Count; i++)
                {
                    var value = Sample(indexes[i], srcCol, srcRow);
                    valid &= noValue is not { } nd || value != nd;
                    data.Band(i)[p] = value;
                }
                data.Mask[p] = valid ? (byte)255 : (byte)0;
            }
        }
        return Task.FromResult(data);
    }
}
