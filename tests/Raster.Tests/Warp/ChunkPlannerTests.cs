using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Warp;

namespace OgcTiler.Raster.Tests.Warp;

public sealed class ChunkPlannerTests
{
    /// <summary>A target mapped onto the level by x_src = a·x + dx, y_src = a·y + dy.</summary>
    private static Func<TargetRegion, Footprint> Affine(double a, double dx, double dy) =>
        r => new Footprint(a * r.X + dx, a * r.Y + dy, a * (r.X + r.Width) + dx, a * (r.Y + r.Height) + dy, false);

    [Fact]
    public void Plan_ATargetInsideTheLevel_IsOneChunkWithGdalsWindowAndScale()
    {
        var chunks = ChunkPlanner.Plan(new TargetRegion(0, 0, 256, 256), Affine(2, 100, 50), ResamplingMethod.Bilinear, 1000, 1000);
        var chunk = Assert.Single(chunks);
        // Footprint 100..612 × 50..562; bilinear radius 1 stretched by 1/0.5 → 2.
        Assert.Equal(new SourceWindow(98, 48, 516, 516), chunk.Window);
        Assert.Equal(new KernelScale(0.5, 0.5), chunk.Scale);
    }

    [Fact]
    public void Plan_ScaleNearOneOverAnInteger_SnapsToIt()
    {
        // 256 target pixels over 520 source pixels: 1/2.03 → 1/2; over 530 (1/2.07) it stays.
        var snapped = Assert.Single(ChunkPlanner.Plan(new TargetRegion(0, 0, 256, 256), Affine(520.0 / 256, 0, 0), ResamplingMethod.Nearest, 1000, 1000));
        Assert.Equal(0.5, snapped.Scale.X, 12);
        var kept = Assert.Single(ChunkPlanner.Plan(new TargetRegion(0, 0, 256, 256), Affine(530.0 / 256, 0, 0), ResamplingMethod.Nearest, 1000, 1000));
        Assert.Equal(256.0 / 530, kept.Scale.X, 12);
    }

    [Fact]
    public void Plan_ATargetMostlyOutsideTheLevel_IsSplitUntilTheSourceFillsItsChunks()
    {
        // x_src = x_dst - 200 over a 512-wide level: only target columns 200..255 see data.
        var chunks = ChunkPlanner.Plan(new TargetRegion(0, 0, 256, 256), Affine(1, -200, 0), ResamplingMethod.Nearest, 512, 512);
        Assert.Equal(
            [new TargetRegion(192, 0, 64, 64), new TargetRegion(192, 64, 64, 64), new TargetRegion(192, 128, 64, 64), new TargetRegion(192, 192, 64, 64)],
            chunks.Select(c => c.Region));
        Assert.All(chunks, c => Assert.Equal(0, c.Window.X));
        Assert.All(chunks, c => Assert.Equal(56, c.Window.Width));
    }

    [Fact]
    public void Plan_ATargetOutsideTheLevel_HasNoChunks() =>
        Assert.Empty(ChunkPlanner.Plan(new TargetRegion(0, 0, 256, 256), Affine(1, 600, 0), ResamplingMethod.Nearest, 512, 512));

    [Fact]
    public void Plan_AnUnknownFootprint_HasNoChunks() =>
        Assert.Empty(ChunkPlanner.Plan(new TargetRegion(0, 0, 256, 256), _ => Footprint.None, ResamplingMethod.Nearest, 512, 512));
}
