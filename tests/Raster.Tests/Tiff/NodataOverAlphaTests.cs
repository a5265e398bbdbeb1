using System.Globalization;
using System.Text.Json;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Tiff;
using OgcTiler.TestSupport;

namespace OgcTiler.Raster.Tests.Tiff;

/// <summary>
/// A nodata value (the read's, or the file's when its data type holds it) over an alpha band or an internal mask, as
/// rio-tiler 9 reads it (reader.py <c>read</c>: with a nodata the alpha branch is skipped, the mask is
/// <c>data == nodata</c> alone and there is no alpha_mask; reprojected reads go through a WarpedVRT, whose warper takes
/// the source alpha beside the nodata and no mask band). Checked by running rio-tiler 9.4.2's reader.py on rasterio
/// 1.3.5 / GDAL 3.6.2 over these files; the references here are GDAL's: gdalwarp -srcnodata -dstalpha of the bands
/// without the alpha band (a read in the file's CRS), of the band and the alpha band (a reprojected read).
/// </summary>
public sealed class NodataOverAlphaTests
{
    private const int W = 128, H = 96, N = W * H;
    private static readonly TargetGrid Native = new("EPSG:32631", 500000, 4999040, 501280, 5000000, W, H);

    private static string Cog(string name) => RepoPaths.Data("api", "cogs", name);

    private static async Task<GeoTiffDataset> OpenAsync(string path) =>
        (GeoTiffDataset)await new RasterOpener(new HttpClient(), 16).OpenAsync(path, CancellationToken.None);

    private static string Text(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>gdalwarp of <paramref name="bands"/> of <paramref name="file"/> (through a VRT) with <paramref name="arguments"/>: its bands as bytes, band-sequential.</summary>
    private static async Task<byte[]> GdalwarpAsync(string file, int[] bands, params string[] arguments)
    {
        var dir = Directory.CreateTempSubdirectory("ogctiler-nodata-alpha-");
        try
        {
            var (vrt, tif, raw) = (Path.Combine(dir.FullName, "bands.vrt"), Path.Combine(dir.FullName, "warped.tif"), Path.Combine(dir.FullName, "warped.raw"));
            await ExternalProcess.RunCheckedAsync("gdal_translate", ["-q", .. bands.SelectMany(b => new[] { "-b", $"{b}" }), "-of", "VRT", file, vrt]);
            await ExternalProcess.RunCheckedAsync("gdalwarp", ["-q", .. arguments, vrt, tif]);
            await ExternalProcess.RunCheckedAsync("gdal_translate", "-q", "-ot", "Byte", "-of", "ENVI", "-co", "INTERLEAVE=BSQ", tif, raw);
            return await File.ReadAllBytesAsync(raw);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string[] Onto(TargetGrid g, params string[] more) =>
        ["-t_srs", g.Crs, "-te", Text(g.MinX), Text(g.MinY), Text(g.MaxX), Text(g.MaxY), "-ts", $"{g.Width}", $"{g.Height}", .. more];

    /// <summary>
    /// In the file's CRS the alpha band is left out: band 1 under nodata 171 (a value it holds at transparent, partly
    /// transparent and opaque pixels) is masked exactly where it is 171, as gdalwarp -srcnodata 171 -dstalpha of band 1
    /// alone; every other pixel is valid with its value, and the read carries no alpha.
    /// </summary>
    [Fact]
    public async Task Read_InTheFilesCrs_UnderANodata_MasksTheNodataAlone()
    {
        var dataset = await OpenAsync(Cog("rgba_partial.tif"));
        var pixels = File.ReadAllBytes(Cog("rgba_partial.u8"));
        var gdal = await GdalwarpAsync(Cog("rgba_partial.tif"), [1], Onto(Native, "-srcnodata", "171", "-dstalpha"));

        using var data = await dataset.ReadAsync(Native, [1], new ReadOptions(Nodata: 171), CancellationToken.None);

        Assert.False(data.HasAlpha);
        Assert.Equal(gdal[N..], data.Mask.ToArray());
        var masked = Enumerable.Range(0, N).Where(p => data.Mask[p] == 0).ToArray();
        Assert.Equal(Enumerable.Range(0, N).Where(p => pixels[p] == 171), masked);
        Assert.Contains(masked, p => pixels[3 * N + p] == 0);
        Assert.Contains(masked, p => pixels[3 * N + p] is > 0 and < 255);
        foreach (var p in Enumerable.Range(0, N).Where(p => data.Mask[p] != 0))
            Assert.Equal(pixels[p], data.Band(0)[p]);
    }

    /// <summary>No pixel has all three bands 0: under nodata 0 every pixel is valid, the transparent ones included.</summary>
    [Theory]
    [InlineData("rgba_partial.tif", 0.0)]
    [InlineData("rgba_nodata.tif", null)] // the file's own nodata, 0
    public async Task Read_InTheFilesCrs_UnderANodataNoPixelHolds_IsAllValid(string file, double? nodata)
    {
        var dataset = await OpenAsync(Cog(file));
        var gdal = await GdalwarpAsync(Cog(file), [1, 2, 3], Onto(Native, "-srcnodata", "0", "-dstalpha"));

        using var data = await dataset.ReadAsync(Native, [1, 2, 3], new ReadOptions(Nodata: nodata), CancellationToken.None);

        Assert.False(data.HasAlpha);
        Assert.Equal(gdal[(3 * N)..], data.Mask.ToArray());
        Assert.All(data.Mask.ToArray(), m => Assert.Equal(255, m));
    }

    /// <summary>
    /// Reprojected to EPSG:3857 (rgba_partial.json's near grid) under nodata 171, band 1 is drawn where gdalwarp
    /// -srcnodata 171 draws band 1 with the alpha band as source alpha: partly transparent pixels are valid (no
    /// alpha kept), transparent and 171 ones masked.
    /// </summary>
    [Fact]
    public async Task Read_Reprojected_UnderANodata_KeepsTheTransparentPixelsOut_AndNoAlpha()
    {
        var g = JsonDocument.Parse(File.ReadAllText(Cog("rgba_partial.json"))).RootElement.GetProperty("grids")[0];
        var b = g.GetProperty("bounds").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var grid = new TargetGrid("EPSG:3857", b[0], b[1], b[2], b[3], g.GetProperty("width").GetInt32(), g.GetProperty("height").GetInt32());
        var withAlpha = File.ReadAllBytes(Cog(g.GetProperty("file").GetString()!)); // gdalwarp without nodata, alpha last
        var gdal = await GdalwarpAsync(Cog("rgba_partial.tif"), [1, 4], Onto(grid, "-srcnodata", "171"));
        var dataset = await OpenAsync(Cog("rgba_partial.tif"));

        using var data = await dataset.ReadAsync(grid, [1], new ReadOptions(Nodata: 171), CancellationToken.None);

        var n = grid.Width * grid.Height;
        Assert.False(data.HasAlpha);
        var agree = Enumerable.Range(0, n).Count(p => data.Mask[p] == (gdal[n + p] > 0 ? 255 : 0));
        Assert.True(agree >= 0.995 * n, $"validity equal to gdalwarp's drawn pixels on {agree} of {n}");
        var partlyTransparent = Enumerable.Range(0, n).Count(p => data.Mask[p] == 255 && withAlpha[3 * n + p] is > 0 and < 255);
        Assert.True(partlyTransparent > n / 5, $"only {partlyTransparent} partly transparent pixels valid");
        Assert.Contains(Enumerable.Range(0, n), p => withAlpha[3 * n + p] > 0 && withAlpha[p] == 171 && data.Mask[p] == 0);
    }

    /// <summary>
    /// An internal mask gives way to a nodata value too (rasterio's masked read is replaced by data == nodata; GDAL's
    /// warper takes a mask band only without nodata): under nodata 53 only the one pixel of that value is masked, as
    /// gdalwarp -srcnodata 53 -dstalpha draws it.
    /// </summary>
    [Fact]
    public async Task Read_UnderANodata_LeavesAnInternalMaskOut()
    {
        var file = RepoPaths.Data("masks", "files", "internal_mask_ovr.tif");
        var dataset = await OpenAsync(file);
        var info = dataset.Info;
        var grid = new TargetGrid(info.Crs, info.NativeBounds.MinX, info.NativeBounds.MinY, info.NativeBounds.MaxX, info.NativeBounds.MaxY, info.Width, info.Height);
        var n = grid.Width * grid.Height;
        var gdal = await GdalwarpAsync(file, [1], Onto(grid, "-srcnodata", "53", "-dstalpha"));

        using var plain = await dataset.ReadAsync(grid, [1], ReadOptions.Default, CancellationToken.None);
        using var data = await dataset.ReadAsync(grid, [1], new ReadOptions(Nodata: 53), CancellationToken.None);

        Assert.True(plain.Mask.Count((byte)0) > 1000, "the internal mask masks many pixels");
        Assert.Equal(gdal[n..], data.Mask.ToArray());
        Assert.Equal(1, data.Mask.Count((byte)0));
    }

    /// <summary>
    /// rasterio drops a nodata value the data type cannot hold (nodatavals, in_dtype_range), so rio-tiler reads
    /// pix4d_alpha_nodata.tif (uint8, nodata -10000, an alpha band) by its alpha (tests/test_reader.py::
    /// test_tile_read_nodata_and_alpha): such a file has no nodata and keeps its alpha.
    /// </summary>
    [Fact]
    public async Task ANodataTheDataTypeCannotHold_IsNone_AndTheAlphaIsKept()
    {
        var dataset = await OpenAsync(Cog("rgba_nodata_out_of_range.tif"));
        var pixels = File.ReadAllBytes(Cog("rgba_partial.u8"));

        using var data = await dataset.ReadAsync(Native, [1, 2, 3], ReadOptions.Default, CancellationToken.None);

        Assert.Null(dataset.Info.Nodata);
        Assert.True(data.HasAlpha);
        Assert.Equal(pixels[(3 * N)..].Select(a => (ushort)a), data.Alpha.ToArray());
    }
}
