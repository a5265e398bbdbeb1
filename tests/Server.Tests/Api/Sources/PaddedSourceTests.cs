using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Api.Sources;

namespace OgcTiler.Server.Tests.Api.Sources;

public class PaddedSourceTests
{
    /// <summary>A source whose band value at a pixel is its centre's x·1000 + y in grid units, and that records the grids read.</summary>
    private sealed class CentreSource : IRasterSource
    {
        public List<TargetGrid> Grids { get; } = [];

        public string Id => "centres";

        public SourceInfo Info { get; } = new("EPSG:3857", new Bounds(0, 0, 100, 100), new Bounds(0, 0, 1, 1), 1, 100, 100,
            RasterDataType.Float32, null, ["b1"], [new BandInfo("b1")]);

        public Task<RasterData> ReadAsync(TargetGrid grid, IReadOnlyList<string> bands, ReadOptions options, CancellationToken cancellationToken)
        {
            Grids.Add(grid);
            var data = RasterData.Create(grid.Width, grid.Height, ["b1"]);
            for (var row = 0; row < grid.Height; row++)
            {
                for (var col = 0; col < grid.Width; col++)
                {
                    var x = grid.MinX + (col + 0.5) * grid.ResolutionX;
                    var y = grid.MaxY - (row + 0.5) * grid.ResolutionY;
                    data.Band(0)[row * grid.Width + col] = (float)(x * 1000 + y);
                    data.Mask[row * grid.Width + col] = (byte)(col == 0 ? 0 : 255);
                }
            }
            return Task.FromResult(data);
        }
    }

    [Fact]
    public async Task Read_CoversPaddingPixelsMore_AndCropsBackToTheGrid()
    {
        var inner = new CentreSource();
        var grid = new TargetGrid("EPSG:3857", 10, 20, 18, 24, 8, 4); // 1×1 pixels

        using var data = await new PaddedSource(inner, 3).ReadAsync(grid, ["b1"], ReadOptions.Default, default);

        Assert.Equal(new TargetGrid("EPSG:3857", 7, 17, 21, 27, 14, 10), Assert.Single(inner.Grids));
        Assert.Equal((8, 4), (data.Width, data.Height));
        for (var row = 0; row < 4; row++)
        {
            for (var col = 0; col < 8; col++)
            {
                Assert.Equal((float)((10 + col + 0.5) * 1000 + 24 - row - 0.5), data.Band(0)[row * 8 + col]);
                Assert.Equal(255, data.Mask[row * 8 + col]); // the masked first column of the padded read is cropped away
            }
        }
    }
}
