using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Plugins;
using OgcTiler.Server.Rendering;
using OgcTiler.Server.Rendering.Encoders;
using OgcTiler.Server.Sources;
using OgcTiler.TestSupport.Fakes;
using OgcTiler.TestSupport.Hosting.Fakes;
using SkiaSharp;

namespace OgcTiler.Server.Tests.Rendering;

/// <summary>
/// Values that are not uint8, drawn without rescale or colormap, as rio-tiler draws them: PNG keeps uint16 as 16-bit
/// samples; every other case stretches the data type's whole range (rasterio's dtype_ranges) to 0..255.
/// </summary>
public sealed class DataTypeRenderingTests
{
    private static readonly TargetGrid Grid = new("EPSG:3857", 0, 0, 16, 16, 16, 16);

    /// <summary>Band b holds 1000·b + 3000·column + row (whole numbers up to 63015); data covers columns 0..7 only.</summary>
    private static float Value(int band, int col, int row) => 1000 * band + 3000 * col + row;

    private static readonly FakeRasterDataset Dataset = new("/d.tif", "EPSG:3857", new Bounds(0, 0, 8, 16), 3,
        (b, x, y) => Value(b, (int)x, 15 - (int)y));

    [Fact]
    public async Task Png_UInt16_IsA16BitGreyAlphaPngOfTheValues()
    {
        var png = PngSamples.Decode((await RenderAsync(RasterDataType.UInt16, new RenderOptions { Bidx = [2] }, ImageFormat.Png)).Bytes);

        Assert.Equal((16, 4, 16, 16), (png.BitDepth, png.ColourType, png.Width, png.Height));
        for (var row = 0; row < 16; row++)
        {
            for (var col = 0; col < 16; col++)
            {
                Assert.Equal(col < 8 ? 65535 : 0, png.At(col, row, 1));
                if (col < 8)
                    Assert.Equal(Value(2, col, row), png.At(col, row, 0));
            }
        }
    }

    [Fact]
    public async Task Png_UInt16Rgb_WithoutMask_IsA16BitRgbPng()
    {
        var png = PngSamples.Decode((await RenderAsync(RasterDataType.UInt16, new RenderOptions { Bidx = [3, 1, 2], ReturnMask = false }, ImageFormat.Png)).Bytes);

        Assert.Equal((16, 2), (png.BitDepth, png.ColourType));
        Assert.Equal([Value(3, 5, 9), Value(1, 5, 9), Value(2, 5, 9)], [png.At(5, 9, 0), png.At(5, 9, 1), png.At(5, 9, 2)]);
    }

    [Fact]
    public async Task Png16_IsReadBySkiaSharp_AsItsHighBytes()
    {
        var image = await RenderAsync(RasterDataType.UInt16, new RenderOptions { Bidx = [3] }, ImageFormat.Png);

        using var bitmap = SKBitmap.Decode(image.Bytes, new SKImageInfo(16, 16, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        Assert.NotNull(bitmap); // an independent decoder accepts the chunks, CRCs and zlib stream
        for (var col = 0; col < 8; col++)
            Assert.InRange(bitmap.GetPixel(col, 4).Red, (int)Value(3, col, 4) / 256 - 1, (int)Value(3, col, 4) / 256 + 1);
        Assert.Equal(0, bitmap.GetPixel(12, 4).Alpha);
    }

    public static TheoryData<RasterDataType, double, double> StretchedTypes => new()
    {
        { RasterDataType.Int16, short.MinValue, short.MaxValue },
        { RasterDataType.UInt32, 0, uint.MaxValue },
        { RasterDataType.Int32, int.MinValue, int.MaxValue },
        { RasterDataType.Float32, float.MinValue, float.MaxValue },
    };

    [Theory]
    [MemberData(nameof(StretchedTypes))]
    public async Task Png_OtherTypes_StretchTheTypeRangeTo8Bits(RasterDataType type, double min, double max)
    {
        var png = PngSamples.Decode((await RenderAsync(type, new RenderOptions { Bidx = [2] }, ImageFormat.Png)).Bytes);

        Assert.Equal((8, 4), (png.BitDepth, png.ColourType));
        for (var col = 0; col < 8; col++)
            Assert.Equal(Math.Floor((Value(2, col, 6) - min) / (max - min) * 255), png.At(col, 6, 0));
    }

    [Fact]
    public async Task Stretch_MaskedPixels_AreBlack_NotTheStretchOfTheirFillValue()
    {
        var png = PngSamples.Decode((await RenderAsync(RasterDataType.Int16, new RenderOptions { Bidx = [2], ReturnMask = false }, ImageFormat.Png)).Bytes);

        Assert.Equal(0, png.ColourType);
        Assert.Equal(Math.Floor((Value(2, 7, 3) + 32768.0) / 65535 * 255), png.At(7, 3, 0));
        Assert.Equal(0, png.At(8, 3, 0)); // read as 0, which the int16 stretch would draw as 127
    }

    [Fact]
    public async Task ColorFormula_WithoutRescale_RunsOnValuesOverTheTypeMaximum_NegativesZero()
    {
        var plugins = new FakePluginCatalog { ColorOperations = new RenderPipelineTests.HalvingFormulas() };
        var request = new RenderRequest(Source(RasterDataType.Int16), Grid, new RenderOptions { Bidx = [2], ColorFormula = "half" }, ImageFormat.Png);

        var png = PngSamples.Decode((await Pipeline(plugins).RenderAsync(request, default)).Bytes);

        // rio-color's to_math_type: value / 32767 for int16, in float64; column 1 row 2 holds 5002, halved → 19.46 of
        // 255 (the fake formula does not truncate; the 8-bit level nearest). One band stays grey.
        Assert.Equal(19, Math.Round(Value(2, 1, 2) / 32767 * 0.5 * 255));
        Assert.Equal(4, png.ColourType);  // grey and alpha (the fixture masks some pixels)
        Assert.Equal(19, png.At(1, 2, 0));
    }

    [Fact]
    public async Task Float64_StretchesToBlack_AsNumpyDividingByAnInfiniteSpan()
    {
        var png = PngSamples.Decode((await RenderAsync(RasterDataType.Float64, new RenderOptions { Bidx = [2] }, ImageFormat.Png)).Bytes);

        Assert.All(Enumerable.Range(0, 8), col => Assert.Equal(0, png.At(col, 3, 0)));
    }

    [Fact]
    public async Task Jpeg_UInt16_StretchesTheUInt16Range()
    {
        var image = await RenderAsync(RasterDataType.UInt16, new RenderOptions { Bidx = [1], ReturnMask = false }, ImageFormat.Jpeg);

        using var bitmap = SKBitmap.Decode(image.Bytes);
        // 8×8 JPEG blocks smooth the steps between columns: ±4 levels.
        for (var col = 0; col < 8; col++)
            Assert.InRange(bitmap.GetPixel(col, 5).Red, Value(1, col, 5) / 65535 * 255 - 4, Value(1, col, 5) / 65535 * 255 + 4);
    }

    [Fact]
    public async Task Auto_OpaqueUInt16_IsAStretchedJpeg_MaskedIsA16BitPng()
    {
        var opaque = new TargetGrid("EPSG:3857", 0, 0, 8, 16, 8, 16);
        var jpeg = await Pipeline().RenderAsync(new RenderRequest(Source(RasterDataType.UInt16), opaque, new RenderOptions { Bidx = [1] }, ImageFormat.Auto), default);
        var png = await RenderAsync(RasterDataType.UInt16, new RenderOptions { Bidx = [1] }, ImageFormat.Auto);

        Assert.Equal(ImageFormat.Jpeg, jpeg.Format);
        using var bitmap = SKBitmap.Decode(jpeg.Bytes);
        Assert.InRange(bitmap.GetPixel(7, 0).Red, Value(1, 7, 0) / 65535 * 255 - 4, Value(1, 7, 0) / 65535 * 255 + 4);
        Assert.Equal(ImageFormat.Png, png.Format);
        Assert.Equal(16, PngSamples.Decode(png.Bytes).BitDepth);
    }

    public static TheoryData<RenderOptions> EightBitRequests => new()
    {
        new RenderOptions { Bidx = [2], Rescale = [new(0, 65535)] },
        new RenderOptions { Expression = "b2-b1" },
        new RenderOptions { Bidx = [2], Unscale = true },
    };

    [Theory]
    [MemberData(nameof(EightBitRequests))]
    public async Task Png_UInt16_WithRescaleExpressionOrUnscale_Is8Bit(RenderOptions options)
    {
        var plugins = new FakePluginCatalog { ExpressionCompiler = new RenderPipelineTests.DifferenceCompiler() };
        var image = await Pipeline(plugins).RenderAsync(new RenderRequest(Source(RasterDataType.UInt16), Grid, options, ImageFormat.Png), default);

        var png = PngSamples.Decode(image.Bytes);
        Assert.Equal(8, png.BitDepth);
        var expected = options switch
        {
            { Rescale: not null } => Math.Floor(Value(2, 3, 2) / 65535 * 255),        // rescale as given
            { Expression: not null } => 255,                                          // b2-b1 = 1000, drawn as 0..255 values as before
            _ => Math.Floor((Value(2, 3, 2) + (double)float.MaxValue) / (2.0 * float.MaxValue) * 255), // unscale gives float32
        };
        Assert.Equal(expected, png.At(3, 2, 0));
    }

    private static Task<EncodedImage> RenderAsync(RasterDataType type, RenderOptions options, ImageFormat format) =>
        Pipeline().RenderAsync(new RenderRequest(Source(type), Grid, options, format), default);

    private static IRasterSource Source(RasterDataType type) => new TypedSource(new CogRasterSource(Dataset), type);

    private static RenderPipeline Pipeline(IPluginCatalog? plugins = null) =>
        new(plugins ?? new FakePluginCatalog(), new ImageEncoders(new EncodingOptions(new PngOptions(PngFilter.Paeth, 6), 95, 95)));

    /// <summary>The fake dataset's values reported as another data type.</summary>
    private sealed class TypedSource(IRasterSource inner, RasterDataType type) : IRasterSource
    {
        public string Id => inner.Id;

        public SourceInfo Info { get; } = inner.Info with { DataType = type };

        public Task<RasterData> ReadAsync(TargetGrid grid, IReadOnlyList<string> bands, ReadOptions options, CancellationToken cancellationToken) =>
            inner.ReadAsync(grid, bands, options, cancellationToken);
    }
}
