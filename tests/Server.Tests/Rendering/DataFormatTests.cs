using System.Text;
using System.Text.Json;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Server.Rendering;
using OgcTiler.Server.Rendering.Encoders;
using OgcTiler.Server.Sources;
using OgcTiler.TestSupport;
using OgcTiler.TestSupport.Fakes;
using OgcTiler.TestSupport.Hosting.Fakes;

namespace OgcTiler.Server.Tests.Rendering;

/// <summary>npy and GeoTIFF outputs; the GeoTIFF is read back with GDAL (gdal-bin, installed by .ci/run).</summary>
public sealed class DataFormatTests
{
    // 4x2 pixels of 10 m in UTM 31N; b1 = x offset in metres from 500000, b2 = 5; data only where x < 500030.
    private static readonly TargetGrid Grid = new("EPSG:32631", 500000, 3300000, 500040, 3300020, 4, 2);
    private static readonly CogRasterSource Source = new(new FakeRasterDataset(
        "/d.tif", "EPSG:32631", new Bounds(500000, 3300000, 500030, 3300020), 2, (b, x, _) => b == 1 ? (float)(x - 500000) : 5f));

    [Fact]
    public async Task Npy_Values_AreBandsOfTheSourceTypeThenTheMask()
    {
        var npy = (await Render(new RenderOptions(), ImageFormat.Npy)).Bytes;

        Assert.Equal([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0], npy[..8]);
        var headerLength = npy[8] | npy[9] << 8;
        Assert.Equal(0, (10 + headerLength) % 64);
        var header = Encoding.ASCII.GetString(npy, 10, headerLength);
        Assert.StartsWith("{'descr': '<u2', 'fortran_order': False, 'shape': (3, 2, 4), }", header);  // the source is uint16
        var values = new ushort[24];
        Buffer.BlockCopy(npy, 10 + headerLength, values, 0, 48);
        Assert.Equal([5, 15, 25, 0], values[..4]);         // b1, first row (the 4th pixel is outside the data)
        Assert.Equal([5, 5, 5, 0], values[8..12]);          // b2
        Assert.Equal([255, 255, 255, 0], values[16..20]);   // mask, in the data type as numpy.concatenate gives it
    }

    [Fact]
    public async Task Npy_WithRescale_IsUint8()
    {
        var npy = (await Render(new RenderOptions { Bidx = [1], Rescale = [new(0, 30)] }, ImageFormat.Npy)).Bytes;

        var headerLength = npy[8] | npy[9] << 8;
        Assert.Contains("'descr': '|u1'", Encoding.ASCII.GetString(npy, 10, headerLength));
        Assert.Equal(new byte[] { 42, 127, 212, 0, 42, 127, 212, 0, 255, 255, 255, 0, 255, 255, 255, 0 }, npy[(10 + headerLength)..]);
    }

    [Theory]
    [InlineData(GeoTiffCompression.None)]
    [InlineData(GeoTiffCompression.Deflate)]
    public async Task GeoTiff_IsGeoreferencedAndReadableByGdal(GeoTiffCompression compression)
    {
        var tif = (await Render(new RenderOptions { Unscale = true }, ImageFormat.GeoTiff, compression)).Bytes;  // float32 values
        var path = Path.Combine(Path.GetTempPath(), $"ogctiler-{Guid.NewGuid():N}.tif");
        await File.WriteAllBytesAsync(path, tif);
        try
        {
            using var info = JsonDocument.Parse(await Run("gdalinfo", "-json", "-stats", "--config", "GDAL_PAM_ENABLED", "NO", path));
            var root = info.RootElement;
            Assert.Equal([4, 2], root.GetProperty("size").EnumerateArray().Select(e => e.GetInt32()));
            Assert.Equal([500000.0, 10, 0, 3300020, 0, -10], root.GetProperty("geoTransform").EnumerateArray().Select(e => e.GetDouble()));
            Assert.Contains("32631", root.GetProperty("coordinateSystem").GetProperty("wkt").GetString());
            var band1 = root.GetProperty("bands")[0];
            Assert.Equal("Float32", band1.GetProperty("type").GetString());
            Assert.Equal(5.0, band1.GetProperty("minimum").GetDouble());
            Assert.Equal(25.0, band1.GetProperty("maximum").GetDouble());
            Assert.Equal(15.0, band1.GetProperty("mean").GetDouble());  // the masked column is nodata (NaN)
            Assert.Equal(3, root.GetProperty("bands").GetArrayLength());  // b1, b2 and the mask as alpha, as rio-tiler writes it
            Assert.Equal("Alpha", root.GetProperty("bands")[2].GetProperty("colorInterpretation").GetString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task GeoTiff_Picture_HasTheMaskAsAlpha()
    {
        var tif = (await Render(new RenderOptions { Bidx = [1], Rescale = [new(0, 30)] }, ImageFormat.GeoTiff)).Bytes;
        var path = Path.Combine(Path.GetTempPath(), $"ogctiler-{Guid.NewGuid():N}.tif");
        await File.WriteAllBytesAsync(path, tif);
        try
        {
            using var info = JsonDocument.Parse(await Run("gdalinfo", "-json", path));
            var bands = info.RootElement.GetProperty("bands");
            Assert.Equal(2, bands.GetArrayLength());
            Assert.Equal("Byte", bands[0].GetProperty("type").GetString());
            Assert.Equal("Alpha", bands[1].GetProperty("colorInterpretation").GetString());
            Assert.Equal("212", (await Run("gdallocationinfo", "-valonly", "-b", "1", path, "2", "1")).Trim());
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static Task<EncodedImage> Render(RenderOptions options, ImageFormat format, GeoTiffCompression compression = GeoTiffCompression.Deflate)
    {
        var pipeline = new RenderPipeline(new FakePluginCatalog(), new ImageEncoders(new EncodingOptions(new PngOptions(PngFilter.Up, 1), 85, 75, compression)));
        return pipeline.RenderAsync(new RenderRequest(Source, Grid, options, format), default);
    }

    private static Task<string> Run(string program, params string[] args) => ExternalProcess.RunCheckedAsync(program, args);
}
