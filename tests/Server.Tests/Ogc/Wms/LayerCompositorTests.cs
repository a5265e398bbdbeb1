using OgcTiler.Server.Ogc.Wms;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Tests.Ogc.Wms;

/// <summary>The "over" operator of the WMS composite against a floating-point computation of the same formula.</summary>
public sealed class LayerCompositorTests
{
    [Fact]
    public void Composite_OverAnOpaqueBackground_BlendsByAlpha_AndGivesRgb()
    {
        using var half = Image(4, [200, 100, 0, 128, 30, 30, 30, 0]);
        using var grey = Image(2, [10, 64, 50, 255]);

        using var result = LayerCompositor.Composite([half, grey], 2, 1, 0xFFFFFFFF);

        Assert.Equal(3, result.Channels);
        // pixel 0: (200,100,0,128) over white, then grey 10 at alpha 64 over that
        var r = Over(10, 64, Over(200, 128, 255));
        var g = Over(10, 64, Over(100, 128, 255));
        var b = Over(10, 64, Over(0, 128, 255));
        // pixel 1: transparent first layer, then opaque grey 50
        Assert.Equal(new byte[] { r, g, b, 50, 50, 50 }, result.Pixels.ToArray());
    }

    [Fact]
    public void Composite_OverATransparentBackground_AccumulatesAlpha()
    {
        using var lower = Image(4, [10, 200, 90, 100, 0, 0, 0, 0]);
        using var upper = Image(4, [200, 50, 180, 128, 7, 8, 9, 33]);

        using var result = LayerCompositor.Composite([lower, upper], 2, 1, 0);

        Assert.Equal(4, result.Channels);
        var (r, a) = Over(200, 128, 10, 100);
        var (g, _) = Over(50, 128, 200, 100);
        var (b, _) = Over(180, 128, 90, 100);
        Assert.Equal(new byte[] { r, g, b, a, 7, 8, 9, 33 }, result.Pixels.ToArray());
    }

    [Fact]
    public void Composite_GreyLayersOverAGreyBackground_StayGrey()
    {
        using var lower = Image(1, [40, 90]);
        using var upper = Image(2, [200, 128, 7, 0]);

        using var opaque = LayerCompositor.Composite([lower, upper], 2, 1, 0xFF808080);
        using var transparent = LayerCompositor.Composite([upper], 2, 1, 0);

        Assert.Equal(1, opaque.Channels);
        Assert.Equal(new byte[] { Over(200, 128, 40), 90 }, opaque.Pixels.ToArray());
        Assert.Equal(2, transparent.Channels);
        Assert.Equal(new byte[] { 200, 128, 0, 0 }, transparent.Pixels.ToArray());
    }

    [Fact]
    public void Composite_GreyLayerOverAColouredBackground_GivesRgb()
    {
        using var grey = Image(2, [200, 128, 7, 0]);

        using var result = LayerCompositor.Composite([grey], 2, 1, 0xFF0000FF);

        Assert.Equal(3, result.Channels);
        Assert.Equal(new byte[] { Over(200, 128, 0), Over(200, 128, 0), Over(200, 128, 255), 0, 0, 255 }, result.Pixels.ToArray());
    }

    private static PixelImage Image(int channels, byte[] pixels)
    {
        var image = new PixelImage(2, 1, channels);
        pixels.CopyTo(image.Pixels);
        return image;
    }

    private static byte Over(double source, double alpha, double below) =>
        (byte)Math.Round(source * alpha / 255 + below * (1 - alpha / 255));

    private static (byte Colour, byte Alpha) Over(double source, double sourceAlpha, double below, double belowAlpha)
    {
        var a = sourceAlpha / 255;
        var d = belowAlpha / 255;
        var alpha = a + d * (1 - a);
        return ((byte)Math.Round((source * a + below * d * (1 - a)) / alpha), (byte)Math.Round(alpha * 255));
    }
}
