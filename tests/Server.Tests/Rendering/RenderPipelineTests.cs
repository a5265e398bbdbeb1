using System.Diagnostics.CodeAnalysis;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Rendering;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Plugins;
using OgcTiler.Server.Rendering;
using OgcTiler.Server.Rendering.Encoders;
using OgcTiler.Server.Sources;
using OgcTiler.TestSupport.Fakes;
using OgcTiler.TestSupport.Hosting.Fakes;
using SkiaSharp;

namespace OgcTiler.Server.Tests.Rendering;

public sealed class RenderPipelineTests
{
    private static readonly TargetGrid Grid = new("EPSG:3857", 0, 0, 16, 16, 16, 16);

    // Bands: b1 = x (0.5 .. 15.5 at pixel centres), b2 = 100 + y, b3 = 7; data covers x < 8 only.
    private static readonly IRasterSource Source = new CogRasterSource(
        new FakeRasterDataset("/d.tif", "EPSG:3857", new Bounds(0, 0, 8, 16), 3, (b, x, y) => b switch { 1 => (float)x, 2 => 100 + (float)y, _ => 7 }));

    [Fact]
    public async Task Read_Bidx_ReadsThoseBandsInOrder()
    {
        using var data = await Pipeline().ReadAsync(Request(new RenderOptions { Bidx = [3, 1] }), default);

        Assert.Equal(["b3", "b1"], data.BandNames);
        Assert.Equal(7f, data.Band(0)[0]);
        Assert.Equal(0.5f, data.Band(1)[0]);
    }

    [Fact]
    public async Task Read_Expression_ReadsItsInputsAndEvaluates()
    {
        var plugins = new FakePluginCatalog { ExpressionCompiler = new DifferenceCompiler() };

        using var data = await Pipeline(plugins).ReadAsync(Request(new RenderOptions { Expression = "b2-b1" }), default);

        Assert.Equal(["b2-b1"], data.BandNames);
        // pixel (col 1, row 0): x = 1.5, y = 15.5 → 115.5 - 1.5
        Assert.Equal(114f, data.Band(0)[1]);
    }

    [Fact]
    public async Task Render_Grey_MasksOutsideDataAsTransparent()
    {
        var image = await Pipeline().RenderAsync(Request(new RenderOptions { Bidx = [1], Rescale = [new(0, 16)] }), default);

        using var bitmap = Decode(image);
        Assert.Equal(new SKColor(7, 7, 7, 255), bitmap.GetPixel(0, 0));     // 0.5/16*255 = 7.97 → 7
        Assert.Equal(new SKColor(119, 119, 119, 255), bitmap.GetPixel(7, 3)); // 7.5/16*255 = 119.5 → 119
        Assert.Equal(0, bitmap.GetPixel(8, 3).Alpha);
    }

    /// <summary>rio-tiler's render appends the mask to a PNG whatever it holds (TiTiler routes); other doors leave it out when all is valid.</summary>
    [Theory]
    [InlineData(true, 4)]
    [InlineData(false, 0)]
    public async Task Render_FullyValid_CarriesAlphaOnlyWhenAsked(bool alphaWhenOpaque, int colourType)
    {
        var inside = new TargetGrid("EPSG:3857", 0, 0, 8, 16, 8, 16);
        var image = await Pipeline().RenderAsync(new RenderRequest(Source, inside, new RenderOptions { Bidx = [1], Rescale = [new(0, 16)] }, ImageFormat.Png, alphaWhenOpaque), default);

        var png = PngSamples.Decode(image.Bytes);
        Assert.Equal(colourType, png.ColourType);
        Assert.Equal(7, png.At(0, 0, 0));
    }

    [Fact]
    public async Task Render_PartlyMasked_CarriesAlphaOnEveryDoor()
    {
        var image = await Pipeline().RenderAsync(Request(new RenderOptions { Bidx = [1], Rescale = [new(0, 16)] }), default);

        Assert.Equal(4, PngSamples.Decode(image.Bytes).ColourType);
    }

    [Fact]
    public async Task Render_ReturnMaskFalse_IsOpaque()
    {
        var image = await Pipeline().RenderAsync(Request(new RenderOptions { Bidx = [1], ReturnMask = false }), default);

        using var bitmap = Decode(image);
        Assert.Equal(new SKColor(0, 0, 0, 255), bitmap.GetPixel(12, 3));
    }

    [Fact]
    public async Task Render_Colormap_AppliesToRescaledValues()
    {
        var plugins = new FakePluginCatalog { Colormaps = new RedRampProvider() };

        var image = await Pipeline(plugins).RenderAsync(Request(new RenderOptions { Bidx = [1], Rescale = [new(0, 16)], ColormapName = "red" }), default);

        using var bitmap = Decode(image);
        Assert.Equal(new SKColor(119, 0, 0, 255), bitmap.GetPixel(7, 0));
        Assert.Equal(0, bitmap.GetPixel(9, 0).Alpha);
    }

    [Fact]
    public async Task Render_UnknownColormapName_ListsTheKnownOnes()
    {
        var plugins = new FakePluginCatalog { Colormaps = new RedRampProvider() };

        var error = await Assert.ThrowsAsync<InvalidParameterException>(() =>
            Pipeline(plugins).RenderAsync(Request(new RenderOptions { Bidx = [1], ColormapName = "blues" }), default));
        Assert.Contains("unknown colormap 'blues' (known: red)", error.Message);
    }

    [Fact]
    public async Task Render_ColorFormula_RunsOnZeroToOneFloats()
    {
        var plugins = new FakePluginCatalog { ColorOperations = new HalvingFormulas() };

        var image = await Pipeline(plugins).RenderAsync(Request(new RenderOptions { Bidx = [3, 3, 3], Rescale = [new(0, 7)], ColorFormula = "half" }), default);

        using var bitmap = Decode(image);
        Assert.Equal(new SKColor(128, 128, 128, 255), bitmap.GetPixel(0, 0)); // 255/255 * 0.5 * 255 = 127.5 → 128
    }

    private static RenderPipeline Pipeline(IPluginCatalog? plugins = null) =>
        new(plugins ?? new FakePluginCatalog(), new ImageEncoders(new EncodingOptions(new PngOptions(PngFilter.Up, 1), 85, 75)));

    private static RenderRequest Request(RenderOptions options) => new(Source, Grid, options, ImageFormat.Png);

    private static SKBitmap Decode(EncodedImage image) =>
        SKBitmap.Decode(image.Bytes, new SKImageInfo(16, 16, SKColorType.Rgba8888, SKAlphaType.Unpremul));

    /// <summary>Compiles only "bX-bY".</summary>
    internal sealed class DifferenceCompiler : IExpressionCompiler
    {
        public ICompiledExpression Compile(string expression, RasterDataType inputType) => new Difference(expression, expression.Split('-'));

        private sealed record Difference(string Expression, IReadOnlyList<string> Inputs) : ICompiledExpression
        {
            public int OutputCount => 1;

            public RasterDataType OutputType => RasterDataType.Float32;

            public RasterData Evaluate(RasterData inputs)
            {
                var result = RasterData.Create(inputs.Width, inputs.Height, [Expression]);
                var a = inputs.Band(inputs.IndexOf(Inputs[0]));
                var b = inputs.Band(inputs.IndexOf(Inputs[1]));
                for (var i = 0; i < a.Length; i++)
                    result.Band(0)[i] = a[i] - b[i];
                inputs.Mask.CopyTo(result.Mask);
                return result;
            }
        }
    }

    /// <summary>One colormap, "red": value v → (v, 0, 0, 255).</summary>
    private sealed class RedRampProvider : IColormapProvider, IColormap
    {
        public IReadOnlyCollection<string> Names => ["red"];

        public IReadOnlyList<ColormapEntry> Entries => [];

        public bool TryGet(string name, [NotNullWhen(true)] out IColormap? colormap)
        {
            colormap = name == "red" ? this : null;
            return colormap is not null;
        }

        public IColormap Parse(string json) => this;

        public void Apply(ReadOnlySpan<float> values, Span<byte> mask, Span<byte> rgba)
        {
            for (var i = 0; i < values.Length; i++)
            {
                rgba[4 * i] = (byte)values[i];
                rgba[4 * i + 3] = 255;
            }
        }
    }

    internal sealed class HalvingFormulas : IColorOperationProvider, IColorOperation
    {
        public IColorOperation Parse(string formula) => this;

        public void Apply(Span<double> red, Span<double> green, Span<double> blue)
        {
            foreach (var channel in new[] { red.ToArray(), green.ToArray(), blue.ToArray() })
                Assert.All(channel, v => Assert.InRange(v, 0, 1));
            for (var i = 0; i < red.Length; i++)
            {
                red[i] *= 0.5;
                green[i] *= 0.5;
                blue[i] *= 0.5;
            }
        }
    }
}
