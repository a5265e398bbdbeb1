using System.Net;
using System.Text.Json;
using OgcTiler.Abstractions.Raster;
using OgcTiler.TestSupport.Fakes;
using SkiaSharp;

namespace OgcTiler.Server.Tests.Plugins;

/// <summary><c>color_formula=</c> on a layer tile with the built Colormaps plugin: applied, or a 400 naming the problem.</summary>
public sealed class ColorFormulaRequestTests : IDisposable
{
    private const string Tile = "/layers/demo/tiles/WebMercatorQuad/1/0/0.png?style=rgb&rescale=0,3000&rescale=0,3000&rescale=0,3000";
    private readonly ServerFactory _server;

    public ColorFormulaRequestTests()
    {
        var opener = new FakeRasterOpener();
        _server = new ServerFactory(ServerFactory.DemoConfig(), opener, plugins: true);
        // Bands 1000, 2000 and 3000 over the tile: rescaled to 85, 170 and 255.
        opener.Add(FakeRasterDataset.Constant(_server.DataPath("demo.tif"), new Bounds(-20037508.342789244, 0, 0, 20037508.342789244), 3));
    }

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Gamma_IsAppliedToTheRescaledBytes()
    {
        using var response = await _server.CreateClient().GetAsync(Tile + "&color_formula=Gamma+RGB+2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        var pixel = bitmap.GetPixel(128, 128);
        // rio-color: (value / 255) ** (1 / g), back to bytes truncated.
        Assert.Equal((Gamma(85, 2), Gamma(170, 2), Gamma(255, 2)), (pixel.Red, pixel.Green, pixel.Blue));
    }

    [Theory]
    [InlineData("sigmoidal+rgb+10+1.5", "sigmoidal bias must be from 0 to 1, not 1.5")]
    [InlineData("gamma+rgb+0", "gamma must be above 0, not 0")]
    [InlineData("gamma+rgx+2", "'rgx' is not a band selection")]
    [InlineData("contrast+rgb+2", "'contrast' is not an operation")]
    [InlineData("saturation+1+2", "saturation takes 1 value")]
    public async Task BadFormula_IsA400NamingTheProblem(string formula, string fragment)
    {
        using var response = await _server.CreateClient().GetAsync(Tile + "&color_formula=" + formula);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("color_formula", problem.RootElement.GetProperty("parameter").GetString());
        Assert.Contains(fragment, problem.RootElement.GetProperty("detail").GetString());
    }

    private static byte Gamma(int value, double g) => (byte)(Math.Pow(value / 255.0, 1 / g) * 255);
}
