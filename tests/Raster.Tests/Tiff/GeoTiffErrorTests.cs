using OgcTiler.Abstractions.Errors;

namespace OgcTiler.Raster.Tests.Tiff;

/// <summary>Broken, truncated and unsupported files give typed errors naming the file and the problem.</summary>
public sealed class GeoTiffErrorTests
{
    [Theory]
    [InlineData("broken_empty.tif", "file is empty")]
    [InlineData("broken_bad_magic.tif", "not a TIFF file")]
    [InlineData("broken_truncated_header.tif", "truncated")]
    [InlineData("broken_huge_tag_count.tif", "tag 324 has 2147483632 values")]
    [InlineData("broken_huge_dimensions.tif", "image 2147483647×2147483647")]
    [InlineData("unsupported_jpeg2000.tif", "compression 34712 (JPEG2000) is not supported")]
    public async Task Open_BrokenFile_ThrowsRasterFormatException(string name, string problem)
    {
        var e = await Assert.ThrowsAsync<RasterFormatException>(() => TiffFixtures.OpenAsync(name));
        Assert.Equal(TiffFixtures.PathOf(name), e.Uri);
        Assert.Contains(problem, e.Problem);
    }

    [Theory]
    [InlineData("broken_truncated_tiles.tif", "lies past the end of the file")]
    [InlineData("broken_deflate_data.tif", "block (0,0) of level 0: DEFLATE data is corrupt")]
    [InlineData("broken_offset_beyond_eof.tif", "block (0,0) of level 0 (bytes 4294967040..")]
    public async Task ReadBlocks_BrokenData_ThrowsRasterFormatException(string name, string problem)
    {
        var dataset = await TiffFixtures.OpenAsync(name);
        var e = await Assert.ThrowsAsync<RasterFormatException>(() => TiffFixtures.ReadLevelAsync(dataset, 0));
        Assert.Contains(problem, e.Problem);
        Assert.Contains(name, e.Message);
    }

    [Fact]
    public async Task Open_IfdChainLoopingOnItself_StopsAtTheLoopLikeLibtiff()
    {
        var dataset = await TiffFixtures.OpenAsync("broken_ifd_loop.tif");
        Assert.Empty(dataset.Info.Overviews);
        Assert.Equal(160, dataset.Info.Width);
    }

    [Fact]
    public async Task Open_MissingFile_ThrowsResourceNotFound()
    {
        var e = await Assert.ThrowsAsync<ResourceNotFoundException>(() => TiffFixtures.OpenAsync("no_such_file.tif"));
        Assert.Contains("no_such_file.tif", e.Message);
    }

    /// <summary>Every prefix of a valid file: always a typed error or a successful read, never another exception.</summary>
    [Fact]
    public async Task OpenAndRead_EveryTruncation_GivesTypedErrorOrData()
    {
        var source = await File.ReadAllBytesAsync(TiffFixtures.PathOf("cog_mask_u16.tif"));
        var folder = Directory.CreateTempSubdirectory("tiff-truncations");
        try
        {
            for (var length = 0; length < source.Length; length += length < 2048 ? 7 : 997)
            {
                var path = Path.Combine(folder.FullName, $"cut{length}.tif");
                await File.WriteAllBytesAsync(path, source[..length]);
                await ReadsOrFailsTypedAsync(path);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Random byte corruption of the header area: typed errors only, and no hang.</summary>
    [Fact]
    public async Task OpenAndRead_CorruptedHeaderBytes_GivesTypedErrorOrData()
    {
        var source = await File.ReadAllBytesAsync(TiffFixtures.PathOf("cog_overviews_u16.tif"));
        var random = new Random(1234);
        var folder = Directory.CreateTempSubdirectory("tiff-corruptions");
        try
        {
            for (var i = 0; i < 300; i++)
            {
                var bytes = (byte[])source.Clone();
                for (var k = 0; k < 4; k++)
                    bytes[random.Next(0, 1200)] = (byte)random.Next(256);
                var path = Path.Combine(folder.FullName, $"corrupt{i}.tif");
                await File.WriteAllBytesAsync(path, bytes);
                await ReadsOrFailsTypedAsync(path);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Opens the file and reads every level: either that works or a RasterFormatException names the file.</summary>
    private static async Task ReadsOrFailsTypedAsync(string path)
    {
        try
        {
            using var opener = new RasterOpener(new HttpClient(), 16);
            var dataset = (Raster.Tiff.GeoTiffDataset)await opener.OpenAsync(path, CancellationToken.None);
            for (var level = 0; level < dataset.Levels.Count; level++)
                await TiffFixtures.ReadLevelAsync(dataset, level);
        }
        catch (RasterFormatException e)
        {
            Assert.Equal(path, e.Uri);
        }
    }
}
