using System.Runtime.Intrinsics;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Geometry;
using OgcTiler.Raster.Warp;
using static OgcTiler.Raster.Tests.Warp.TestRasters;

namespace OgcTiler.Raster.Tests.Warp;

[CollectionDefinition(nameof(WarpVectorsTests), DisableParallelization = true)]
public sealed class WarpVectorsCollection;

/// <summary>
/// The warp's vector paths (<see cref="WarpVectors"/>) against its scalar paths, which the gdalwarp comparisons pin
/// (GoldenWarpTests, IntegerRoundingTests): the same bits on odd sizes (every vector loop has a tail), at and across
/// the source's edges, under nodata and NaN in some bands only, and with partial alpha.
/// </summary>
[Collection(nameof(WarpVectorsTests))]
public sealed class WarpVectorsTests
{
    private const int Width = 203;
    private const int Height = 157;

    public static TheoryData<string, ResamplingMethod> Cases()
    {
        var cases = new TheoryData<string, ResamplingMethod>();
        foreach (var grid in Grids.Keys)
        {
            foreach (var method in new[] { ResamplingMethod.Nearest, ResamplingMethod.Bilinear, ResamplingMethod.Average })
                cases.Add(grid, method);
        }
        return cases;
    }

    /// <summary>Odd-sized grids: reprojected beyond every edge, downsampled, and in the source's CRS across its top-left and bottom-right corners.</summary>
    private static readonly Dictionary<string, Func<TargetGrid>> Grids = new()
    {
        ["web mercator past every edge"] = () => MercatorAround(77, 53, margin: 0.15),
        ["web mercator downsampled"] = () => MercatorAround(33, 29, margin: 0.1),
        ["source CRS across the top-left corner"] = () => Grid(-10.3, -7.6, 61, 45),
        ["source CRS across the bottom-right corner"] = () => Grid(Width - 40.7, Height - 20.2, 59, 37, pixel: 7.3),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Read_WithNodataAndNaNInSomeBands_IsTheScalarPathsBits(string grid, ResamplingMethod method)
    {
        var raster = Create(Width, Height, Value, bands: 3, nodata: 0);
        AssertSameBits(raster, Grids[grid](), method);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Read_WithPartialAlpha_IsTheScalarPathsBits(string grid, ResamplingMethod method)
    {
        var raster = WithAlpha(Create(Width, Height, Value));
        AssertSameBits(raster, Grids[grid](), method);
    }

    [Fact]
    public void Assemble_MarksTheSamePixelsInvalid()
    {
        var raster = Create(Width, Height, Value, bands: 3, nodata: 0);
        var complete = Create(Width, Height, (b, x, y) => b + x + y + 1f, bands: 2, nodata: 0);
        SourceWindow[] windows = [new(0, 0, Width, Height), new(5, 3, 37, 1), new(17, 9, 31, 33), new(64, 60, 1, 7), new(100, 100, 96, 2)];
        foreach (var window in windows)
        {
            foreach (var (source, nodata) in new[] { (raster, 0.0), (complete, 0.0), (raster, -1.0) })
            {
                var (scalar, vector) = BothPaths(() => Validity(source, window, nodata));
                Assert.Equal(scalar.Valid, vector.Valid);
                Assert.Equal(scalar.AllValid, vector.AllValid);
            }
        }
        Assert.False(BothPaths(() => Validity(raster, windows[0], 0)).Vector.AllValid);
        Assert.True(BothPaths(() => Validity(complete, windows[0], 0)).Vector.AllValid);
    }

    [Fact]
    public void RetransformNearEdges_RetriesTheSamePoints()
    {
        var window = new SourceWindow(10, 20, 30, 40);
        double[] nearX = [9, 9 + 1e-9, 9.5, 10 - 1e-12, 10, 25, 40 - 2e-10, 40 - 1e-10, 40 - 5e-11, 40, 40.5, 41 - 1e-9, 41, double.NaN];
        double[] nearY = [19, 19.5, 20 - 1e-12, 20, 35, 60 - 2e-10, 60 - 5e-11, 60, 60.5, 61 - 1e-9, 61, double.NaN, 100];
        var region = new TargetRegion(3, 2, 83, 7);
        const int stride = 91;
        var xs = new double[stride * 10];
        var ys = new double[stride * 10];
        for (var i = 0; i < xs.Length; i++)
            (xs[i], ys[i]) = (nearX[i % nearX.Length], nearY[i / 3 % nearY.Length]);
        var transformer = new ApproxTransformer(
            Registry.CreateTransform(Registry.Resolve("EPSG:3857"), Registry.Resolve(TestRasters.Crs)),
            new GeoTransform(334000, 10, 0, 5623000, 0, -10), PixelLocator.Affine(new GeoTransform(X0, Pixel, 0, Y0, 0, -Pixel).Inverse()));
        var (scalar, vector) = BothPaths(() =>
        {
            var (x, y) = (xs.ToArray(), ys.ToArray());
            transformer.RetransformNearEdges(region, stride, window, x, y);
            return (X: x, Y: y);
        });
        Assert.Equal(Bits(scalar.X), Bits(vector.X));
        Assert.Equal(Bits(scalar.Y), Bits(vector.Y));
        var retried = Enumerable.Range(0, xs.Length).Count(i => Bits(xs[i]) != Bits(vector.X[i]));
        Assert.InRange(retried, 50, region.Width * region.Height - 50);
    }

    [Fact]
    public void Transform_InterpolatesTheSameCoordinates()
    {
        // ApproxTransformerTests' curved case: a WebMercatorQuad z6 tile over northern France onto a 100 m UTM 31N grid.
        const double span = 2 * 20037508.342789244 / 64;
        var transformer = new ApproxTransformer(
            Registry.CreateTransform(Registry.Resolve("EPSG:3857"), Registry.Resolve(TestRasters.Crs)),
            new GeoTransform(-20037508.342789244 + 32 * span, span / 256, 0, 20037508.342789244 - 21 * span, 0, -span / 256),
            PixelLocator.Affine(new GeoTransform(0, 100, 0, 6000000, 0, -100).Inverse()));
        foreach (var region in new TargetRegion[] { new(3, 1, 251, 5), new(0, 0, 256, 3), new(7, 2, 10, 2), new(1, 0, 6, 1) })
        {
            var (scalar, vector) = BothPaths(() =>
            {
                var (x, y) = (new double[256 * 8], new double[256 * 8]);
                transformer.Transform(region, 256, x, y);
                return (X: x, Y: y);
            });
            Assert.Equal(Bits(scalar.X), Bits(vector.X));
            Assert.Equal(Bits(scalar.Y), Bits(vector.Y));
        }
    }

    /// <summary>Data with nodata (0) in one band or in every band, NaN in one band, and a gradient elsewhere.</summary>
    private static float Value(int band, int x, int y) =>
        (x + y) % 13 == 0 || (x * 7 + y * 3 + band) % 11 == 0 ? 0
        : band == 1 && (x * 5 + y) % 17 == 0 ? float.NaN
        : 1000 * band + 3 * x + 7 * y + 0.25f;

    /// <summary>The raster with a mask of every alpha value 0..255 (taken as the pixels' alpha without nodata).</summary>
    private static InMemoryBlockedRaster WithAlpha(InMemoryBlockedRaster raster)
    {
        var level = raster.Levels[0];
        var samples = new float[level.Width * level.Height];
        var mask = new byte[samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            var (y, x) = Math.DivRem(i, level.Width);
            samples[i] = Value(1, x, y);
            mask[i] = (byte)(x * 31 + y * 17);
        }
        return new InMemoryBlockedRaster("alpha.tif", raster.Crs, 1, null, [new InMemoryLevel(level, samples, mask)]);
    }

    private static TargetGrid MercatorAround(int width, int height, double margin)
    {
        var toMercator = Registry.CreateTransform(Registry.Resolve(TestRasters.Crs), Registry.Resolve("EPSG:3857"));
        var (minX, minY) = toMercator.Transform(X0, Y0 - Height * Pixel);
        var (maxX, maxY) = toMercator.Transform(X0 + Width * Pixel, Y0);
        var (dx, dy) = ((maxX - minX) * margin, (maxY - minY) * margin);
        return new TargetGrid("EPSG:3857", minX - dx, minY - dy, maxX + dx, maxY + dy, width, height);
    }

    private static void AssertSameBits(InMemoryBlockedRaster raster, TargetGrid grid, ResamplingMethod method)
    {
        var (scalar, vector) = BothPaths(() =>
        {
            using var data = Read(raster, grid, Kernel(method));
            return (Samples: Bits(data.AllSamples.ToArray()), Mask: data.Mask.ToArray(), Alpha: data.Alpha.ToArray());
        });
        Assert.Equal(scalar.Mask, vector.Mask);
        Assert.Equal(scalar.Alpha, vector.Alpha);
        Assert.Equal(scalar.Samples, vector.Samples);
        Assert.Contains(scalar.Mask, m => m == 0);
        Assert.Contains(scalar.Mask, m => m != 0);
    }

    private static (byte[] Valid, bool AllValid) Validity(InMemoryBlockedRaster raster, SourceWindow window, double nodata)
    {
        var level = raster.Levels[0];
        var indexes = BlockPlanner.Plan(level, window);
        var blocks = raster.ReadBlocksAsync(0, indexes, CancellationToken.None).GetAwaiter().GetResult();
        var bands = Enumerable.Range(0, raster.BandCount).ToArray();
        using var pixels = SourcePixels.Assemble(level, window, indexes, blocks, bands, nodata, MaskUse.None, SampleRounding.For(raster.DataType));
        return (pixels.Valid.AsSpan(0, window.Width * window.Height).ToArray(), pixels.AllValid);
    }

    private static (T Scalar, T Vector) BothPaths<T>(Func<T> run)
    {
        try
        {
            WarpVectors.Enabled = false;
            var scalar = run();
            WarpVectors.Enabled = true;
            return (scalar, run());
        }
        finally
        {
            WarpVectors.Enabled = Vector256.IsHardwareAccelerated;
        }
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);

    private static long[] Bits(double[] values) => Array.ConvertAll(values, Bits);

    private static int[] Bits(float[] values) => Array.ConvertAll(values, BitConverter.SingleToInt32Bits);
}
