using System.Globalization;
using System.Net;
using System.Text.Json;
using OgcTiler.Server.Tests.Rendering;
using OgcTiler.TestSupport;
using SkiaSharp;

namespace OgcTiler.Server.Tests.Api.Endpoints;

/// <summary>
/// An RGBA COG with partial alpha (make_rgba_cog.py rgba_partial.tif: alpha 4·column up to 255, 0 in the top 8 rows,
/// 128 in the bottom 8) read as rio-tiler 9 reads it (reader.py read: the alpha band is the <c>alpha_mask</c> and
/// <c>data.mask = alpha_mask != opaque</c>; models.py ImageData.mask returns the alpha_mask): pictures and the mask
/// band of npy carry the alpha values, while only opaque pixels are valid for statistics (tests/test_mask.py::
/// test_mask_bilinear "partial transparent pixel are masked"). Reprojected reads carry the alpha as gdalwarp draws it
/// (rgba_partial.KERNEL.160.u8), reads in the file's CRS at another size as gdal_translate -outsize resamples it.
/// </summary>
public sealed class CogPartialAlphaTests : IAsyncLifetime
{
    private const int W = RealCogs.Width, H = RealCogs.Height, N = W * H;
    private static readonly byte[] Rgba = RealCogs.Bytes("rgba_partial.u8"); // band-sequential R, G, B, alpha
    private RealCogs _cogs = null!;

    public async Task InitializeAsync() => _cogs = await RealCogs.StartAsync(plugins: true, "rgba_partial.tif", "rgba16_partial.tif");

    public Task DisposeAsync() => _cogs.DisposeAsync();

    private static byte Alpha(int p) => Rgba[3 * N + p];

    private Task<byte[]> GetAsync(string path) => _cogs.GetOkAsync(path);

    [Theory]
    [InlineData("")]
    [InlineData("&rescale=0,200")] // rio-tiler's rescale keeps the alpha_mask
    [InlineData("&color_formula=Gamma+RGB+1.5")] // and so does apply_color_formula
    [InlineData("&expression=b1;b2;b3")] // and apply_expression
    public async Task PreviewPng_AlphaIsTheAlphaBand_PartialValuesIncluded(string parameters)
    {
        var png = PngSamples.Decode(await GetAsync($"/cog/preview.png?url=data/rgba_partial.tif&max_size=128{parameters}"));

        Assert.Equal((W, H, 6), (png.Width, png.Height, png.ColourType));
        for (var p = 0; p < N; p++)
            Assert.Equal(Alpha(p), png.At(p % W, p / W, 3));
        if (parameters.Length == 0)
        {
            var partial = Enumerable.Range(0, N).First(p => Alpha(p) is > 0 and < 255);
            Assert.Equal(Rgba[partial], png.At(partial % W, partial / W, 0)); // a partly transparent pixel keeps its colour
        }
    }

    /// <summary>libwebp keeps the alpha plane losslessly at the default alpha quality.</summary>
    [Fact]
    public async Task PreviewWebp_AlphaIsTheAlphaBand()
    {
        var bytes = await GetAsync("/cog/preview.webp?url=data/rgba_partial.tif&max_size=128");

        using var bitmap = SKBitmap.Decode(bytes, new SKImageInfo(W, H, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (var p = 0; p < N; p++)
            Assert.Equal(Alpha(p), bitmap.GetPixel(p % W, p / W).Alpha);
    }

    [Fact]
    public async Task PreviewNpy_MaskBandIsTheAlphaBand()
    {
        var npy = NpyFile.Parse(await GetAsync("/cog/preview.npy?url=data/rgba_partial.tif&max_size=128"));

        Assert.Equal([4, H, W], npy.Shape);
        for (var p = 0; p < N; p++)
        {
            Assert.Equal(Alpha(p), npy.Values[3 * N + p]);
            if (Alpha(p) != 0)
                Assert.Equal(Rgba[p], npy.Values[p]);
        }
    }

    /// <summary>GDAL reads the GeoTIFF's last band (colour interpretation alpha) as the alpha band's values (rio-tiler's to_raster writes ImageData.mask).</summary>
    [Fact]
    public async Task PreviewTif_AlphaBandHoldsTheAlphaValues_AsGdalReadsIt()
    {
        var tif = await GetAsync("/cog/preview.tif?url=data/rgba_partial.tif&max_size=128");
        var path = Path.Combine(Path.GetTempPath(), $"ogctiler-{Guid.NewGuid():N}.tif");
        var raw = Path.ChangeExtension(path, ".raw");
        await File.WriteAllBytesAsync(path, tif);
        try
        {
            using var info = JsonDocument.Parse(await ExternalProcess.RunCheckedAsync("gdalinfo", "-json", path));
            Assert.Equal(["Red", "Green", "Blue", "Alpha"], info.RootElement.GetProperty("bands").EnumerateArray().Select(b => b.GetProperty("colorInterpretation").GetString()));
            await ExternalProcess.RunCheckedAsync("gdal_translate", "-q", "-b", "4", "-of", "ENVI", path, raw);
            Assert.Equal(Rgba[(3 * N)..], await File.ReadAllBytesAsync(raw));
        }
        finally
        {
            foreach (var file in new[] { path, raw, raw + ".aux.xml", Path.ChangeExtension(raw, ".hdr") })
                File.Delete(file);
        }
    }

    /// <summary>A preview at the overview's size reads the overview (RasterIO's choice), its averaged alpha as GDAL reads it.</summary>
    [Fact]
    public async Task PreviewPng_AtTheOverviewSize_CarriesTheOverviewsAlpha()
    {
        var overview = RealCogs.Bytes("rgba_partial.ovr.u8");
        var (w, h) = (W / 2, H / 2);

        var png = PngSamples.Decode(await GetAsync($"/cog/preview.png?url=data/rgba_partial.tif&max_size={w}"));

        Assert.Equal((w, h), (png.Width, png.Height));
        for (var p = 0; p < w * h; p++)
            Assert.Equal(overview[3 * w * h + p], png.At(p % w, p / w, 3));
        Assert.True(overview[(3 * w * h)..].Distinct().Count() > 20);
    }

    /// <summary>
    /// A preview at another size with bilinear resampling reads the file as rio-tiler does without reprojection
    /// (reader.py read: dataset.read of the bands and the alpha band with out_shape and resampling, GDAL's RasterIO):
    /// its alpha equals gdal_translate -outsize 100 75 -r bilinear's alpha band on every pixel.
    /// </summary>
    [Fact]
    public async Task PreviewPng_Bilinear_AtAnotherSize_CarriesTheAlphaGdalsRasterIoResamples()
    {
        var raw = Path.Combine(Path.GetTempPath(), $"ogctiler-{Guid.NewGuid():N}.raw");
        await ExternalProcess.RunCheckedAsync("gdal_translate", "-q", "-outsize", "100", "75", "-r", "bilinear", "-b", "4", "-of", "ENVI",
            RealCogs.Path("rgba_partial.tif"), raw);
        var alpha = await File.ReadAllBytesAsync(raw);
        foreach (var file in new[] { raw, raw + ".aux.xml", Path.ChangeExtension(raw, ".hdr") })
            File.Delete(file);

        var png = PngSamples.Decode(await GetAsync("/cog/preview.png?url=data/rgba_partial.tif&max_size=100&resampling=bilinear"));

        Assert.Equal((100, 75), (png.Width, png.Height));
        for (var p = 0; p < alpha.Length; p++)
            Assert.Equal(alpha[p], png.At(p % 100, p / 100, 3));
        Assert.True(alpha.Count(a => a is > 0 and < 255) > alpha.Length / 3);
    }

    /// <summary>rio-tiler's apply_colormap ignores the alpha_mask: masked (not opaque) pixels are transparent, the rest take the colormap's alpha.</summary>
    [Fact]
    public async Task PreviewPng_WithAColormap_IsTransparentWhereverTheAlphaIsNotOpaque()
    {
        var png = PngSamples.Decode(await GetAsync("/cog/preview.png?url=data/rgba_partial.tif&max_size=128&bidx=1&colormap_name=viridis"));

        for (var p = 0; p < N; p++)
            Assert.Equal(Alpha(p) == 255 ? 255 : 0, png.At(p % W, p / W, 3));
    }

    [Fact]
    public async Task Statistics_CountOnlyTheOpaquePixels()
    {
        var stats = JsonDocument.Parse(await GetAsync("/cog/statistics?url=data/rgba_partial.tif")).RootElement;

        var opaque = Enumerable.Range(0, N).Where(p => Alpha(p) == 255).ToArray();
        Assert.InRange(opaque.Length, N / 3, 2 * N / 3);
        for (var b = 0; b < 3; b++)
        {
            var band = stats.GetProperty($"b{b + 1}");
            Assert.Equal(opaque.Length, band.GetProperty("valid_pixels").GetDouble());
            Assert.Equal(N - opaque.Length, band.GetProperty("masked_pixels").GetDouble());
            Assert.Equal(opaque.Min(p => Rgba[b * N + p]), band.GetProperty("min").GetDouble());
            Assert.Equal(opaque.Max(p => Rgba[b * N + p]), band.GetProperty("max").GetDouble());
        }
    }

    /// <summary>
    /// The 16-bit PNG of uint16 data with a 16-bit alpha band, as rio-tiler's render writes it (rio-tiler 9.4.2 utils.py
    /// render: <c>linear_rescale(mask, (0, 255), (0, 65535))</c> clips the raw alpha to 0..255 first): the raw alpha ×257
    /// up to 255, 65535 from there on, 30000 included, and raw values 1..256 drawn (2 gives 514; before: 0, not drawn),
    /// with their colours (rio-tiler 9.4.2's read and render run on rgba16_partial.tif give exactly these values). The
    /// pixels' validity still wants a fully opaque alpha.
    /// </summary>
    [Fact]
    public async Task PreviewPng_Of16BitAlpha_IsTheRawAlphaClippedTo255Times257()
    {
        var png = PngSamples.Decode(await GetAsync("/cog/preview.png?url=data/rgba16_partial.tif&max_size=128"));
        var raw = RealCogs.Bytes("rgba16_partial.u16");

        Assert.Equal((16, 6), (png.BitDepth, png.ColourType));
        for (var p = 0; p < N; p++)
        {
            var alpha = BitConverter.ToUInt16(raw, 2 * (3 * N + p));
            Assert.Equal(alpha >= 255 ? 65535 : alpha * 257, png.At(p % W, p / W, 3));
        }
        Assert.Equal(65535, png.At(100, H - 1, 3)); // a raw alpha of 30000
        Assert.Equal(514, png.At(1, 8, 3)); // a raw alpha of 2
        Assert.Equal(BitConverter.ToUInt16(raw, 2 * (8 * W + 1)), png.At(1, 8, 0)); // drawn with its colour
    }

    /// <summary>
    /// WebP of uint16 data with a 16-bit alpha band, without rescale, as TiTiler 2.x writes it: titiler.core utils.py
    /// render_image stretches the data to uint8 and hands rio-tiler 9.4.2's utils.py render the raw alpha, which it
    /// casts to the picture's type (<c>mask.astype(data.dtype)</c>), keeping the low byte: 30000 gives 48, 256 gives 0,
    /// 65535 gives 255 (both run on rgba16_partial.tif: equal on every pixel). Before: the alpha scaled to 8 bits (116).
    /// </summary>
    [Fact]
    public async Task PreviewWebp_Of16BitAlpha_CarriesTheLowByteOfTheRawAlpha()
    {
        var bytes = await GetAsync("/cog/preview.webp?url=data/rgba16_partial.tif&max_size=128");
        var raw = RealCogs.Bytes("rgba16_partial.u16");

        using var bitmap = SKBitmap.Decode(bytes, new SKImageInfo(W, H, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (var p = 0; p < N; p++)
            Assert.Equal(raw[2 * (3 * N + p)], bitmap.GetPixel(p % W, p / W).Alpha);
        Assert.Equal(48, bitmap.GetPixel(100, H - 1).Alpha);
    }

    /// <summary>
    /// npy of uint16 data with a 16-bit alpha band: the last band is the raw alpha (rio-tiler 9.4.2 utils.py render
    /// appends ImageData.mask, the alpha_mask in the data's type: run on rgba16_partial.tif, equal on every pixel);
    /// before: the alpha scaled to 8 bits.
    /// </summary>
    [Fact]
    public async Task PreviewNpy_Of16BitAlpha_MaskBandIsTheRawAlpha()
    {
        var npy = NpyFile.Parse(await GetAsync("/cog/preview.npy?url=data/rgba16_partial.tif&max_size=128"));
        var raw = RealCogs.Bytes("rgba16_partial.u16");

        Assert.Equal("<u2", npy.Descr);
        Assert.Equal([4, H, W], npy.Shape);
        for (var p = 0; p < N; p++)
            Assert.Equal(BitConverter.ToUInt16(raw, 2 * (3 * N + p)), npy.Values[3 * N + p]);
    }

    /// <summary>The GeoTIFF's alpha band is the raw 16-bit alpha as GDAL reads it (rio-tiler 9.4.2 utils.py render writes ImageData.mask as band 4).</summary>
    [Fact]
    public async Task PreviewTif_Of16BitAlpha_AlphaBandIsTheRawAlpha_AsGdalReadsIt()
    {
        var tif = await GetAsync("/cog/preview.tif?url=data/rgba16_partial.tif&max_size=128");
        var path = Path.Combine(Path.GetTempPath(), $"ogctiler-{Guid.NewGuid():N}.tif");
        var raw = Path.ChangeExtension(path, ".raw");
        await File.WriteAllBytesAsync(path, tif);
        try
        {
            await ExternalProcess.RunCheckedAsync("gdal_translate", "-q", "-b", "4", "-of", "ENVI", path, raw);
            Assert.Equal(RealCogs.Bytes("rgba16_partial.u16")[(2 * 3 * N)..], await File.ReadAllBytesAsync(raw));
        }
        finally
        {
            foreach (var file in new[] { path, raw, raw + ".aux.xml", Path.ChangeExtension(raw, ".hdr") })
                File.Delete(file);
        }
    }

    /// <summary>rescale scales a 16-bit alpha to 8 bits with the data (models.py ImageData.rescale: 30000 gives 116).</summary>
    [Fact]
    public async Task PreviewPng_Of16BitAlpha_WithRescale_CarriesItScaledTo8Bits()
    {
        var png = PngSamples.Decode(await GetAsync("/cog/preview.png?url=data/rgba16_partial.tif&max_size=128&rescale=0,20000"));
        var raw = RealCogs.Bytes("rgba16_partial.u16");

        Assert.Equal(8, png.BitDepth);
        for (var p = 0; p < N; p++)
            Assert.Equal(BitConverter.ToUInt16(raw, 2 * (3 * N + p)) * 255 / 65535, png.At(p % W, p / W, 3));
        Assert.Equal(116, png.At(100, H - 1, 3));
    }

    /// <summary>
    /// A bbox in EPSG:3857 equals gdalwarp -t_srs EPSG:3857 of the file: the alpha channel is gdalwarp's alpha band
    /// (the alpha of the source pixel under each centre, for bilinear too), the colours its bands where drawn.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task BboxPng_In3857_CarriesTheAlphaGdalwarpDraws(int index)
    {
        var grid = JsonDocument.Parse(File.ReadAllText(RealCogs.Path("rgba_partial.json"))).RootElement.GetProperty("grids")[index];
        var kernel = grid.GetProperty("kernel").GetString()!;
        var (width, height) = (grid.GetProperty("width").GetInt32(), grid.GetProperty("height").GetInt32());
        var bounds = string.Join(',', grid.GetProperty("bounds").EnumerateArray().Select(v => v.GetDouble().ToString("R", CultureInfo.InvariantCulture)));
        var expected = RealCogs.Bytes(grid.GetProperty("file").GetString()!);
        var reproject = kernel == "near" ? "nearest" : kernel;

        var png = PngSamples.Decode(await GetAsync(
            $"/cog/bbox/{bounds}/{width}x{height}.png?url=data/rgba_partial.tif&coord_crs=epsg:3857&dst_crs=epsg:3857&reproject={reproject}&resampling={reproject}"));

        Assert.Equal((width, height, 6), (png.Width, png.Height, png.ColourType));
        var n = width * height;
        int agree = 0, partial = 0, drawn = 0, close = 0;
        for (var p = 0; p < n; p++)
        {
            var (x, y) = (p % width, p / width);
            var alpha = expected[3 * n + p];
            agree += png.At(x, y, 3) == alpha ? 1 : 0;
            partial += alpha is > 0 and < 255 ? 1 : 0;
            if (alpha == 0 || png.At(x, y, 3) == 0)
                continue;
            drawn++;
            close += Enumerable.Range(0, 3).All(c => Math.Abs(png.At(x, y, c) - expected[c * n + p]) <= 1) ? 1 : 0;
        }
        Assert.True(partial > n / 5, $"only {partial} partly transparent pixels in gdalwarp's output");
        Assert.True(agree >= 0.995 * n, $"alpha equal to gdalwarp's on {agree} of {n} pixels");
        Assert.True(close >= 0.99 * drawn, $"colours within 1 of gdalwarp's on {close} of {drawn} pixels");
    }

    /// <summary>
    /// A tile of a TileMatrixSet in the file's own CRS (UTM31WGS84Quad, EPSG:32631) with bilinear resampling carries the
    /// alpha as rio-tiler 9.4.2 reads it there: reader.py part takes no WarpedVRT in the dataset's CRS but dataset.read of
    /// the window with out_shape and resampling (through rasterio 1.3.5's plain VRT where the tile passes the file's
    /// edge), so RasterIO resamples the alpha band like a data band. Equal on every pixel to gdal_translate -projwin of
    /// the tile's box -outsize 256 256 -r bilinear (which rio-tiler's part gives too, checked on both tiles and on
    /// rgba16_partial.tif); before: the alpha under each pixel's centre.
    /// </summary>
    [Theory]
    [InlineData(24578)] // inside the file
    [InlineData(24577)] // across its top edge
    public async Task TileInTheFilesCrs_Bilinear_CarriesTheAlphaRasterIoResamples(int row)
    {
        const int column = 16384;
        var matrix = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Config, "tms", "UTM31WGS84Quad.json"))).RootElement
            .GetProperty("tileMatrices").EnumerateArray().Single(m => m.GetProperty("id").GetString() == "16");
        var size = 256 * matrix.GetProperty("cellSize").GetDouble();
        var origin = matrix.GetProperty("pointOfOrigin").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var (west, north) = (origin[0] + column * size, origin[1] - row * size);
        var corners = new[] { west, north, west + size, north - size }.Select(v => v.ToString("R", CultureInfo.InvariantCulture)).ToArray();
        var raw = Path.Combine(Path.GetTempPath(), $"ogctiler-{Guid.NewGuid():N}.raw");
        await ExternalProcess.RunCheckedAsync("gdal_translate", "-q", "-projwin", corners[0], corners[1], corners[2], corners[3], "-outsize", "256", "256",
            "-r", "bilinear", "-b", "4", "-of", "ENVI", RealCogs.Path("rgba_partial.tif"), raw);
        var alpha = await File.ReadAllBytesAsync(raw);
        foreach (var file in new[] { raw, raw + ".aux.xml", Path.ChangeExtension(raw, ".hdr") })
            File.Delete(file);

        var png = PngSamples.Decode(await GetAsync($"/cog/tiles/UTM31WGS84Quad/16/{column}/{row}.png?url=data/rgba_partial.tif&resampling=bilinear&reproject=bilinear"));

        Assert.Equal((256, 256), (png.Width, png.Height));
        for (var p = 0; p < alpha.Length; p++)
            Assert.Equal(alpha[p], png.At(p % 256, p / 256, 3));
        Assert.True(alpha.Count(a => a is > 0 and < 255) > alpha.Length / 5);
    }

    /// <summary>
    /// Without a format, TiTiler's render_image picks JPEG when <c>mask.all()</c>, the mask being rio-tiler's
    /// alpha_mask: a tile whose alpha is partly transparent but nowhere 0 (rgba_partial.tif's columns 30..60, alpha
    /// 120..240) is a JPEG; one that reaches column 0 (alpha 0) a PNG. titiler.core utils.py render_image.
    /// </summary>
    [Theory]
    [InlineData(17, 32769, 49156, "image/jpeg")]
    [InlineData(17, 32768, 49156, "image/png")]
    public async Task TileWithoutFormat_IsJpegWhenNoAlphaIsZero(int z, int x, int y, string type)
    {
        using var response = await _cogs.Client.GetAsync($"/cog/tiles/UTM31WGS84Quad/{z}/{x}/{y}?url=data/rgba_partial.tif");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
    }
}
