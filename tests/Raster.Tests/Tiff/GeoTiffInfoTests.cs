using System.Globalization;
using System.Text.Json;
using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Raster.Tests.Tiff;

/// <summary>What the reader reports about each fixture against what GDAL reports.</summary>
public sealed class GeoTiffInfoTests
{
    public static TheoryData<string> All() => new(TiffFixtures.Readable(_ => true));

    [Theory]
    [MemberData(nameof(All))]
    public async Task Info_MatchesGdal(string name)
    {
        var info = (await TiffFixtures.OpenAsync(name)).Info;
        var gdal = TiffFixtures.Entry(name);
        Assert.Equal($"EPSG:{gdal.GetProperty("epsg").GetInt32()}", info.Crs);
        var gt = gdal.GetProperty("geoTransform").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        for (var i = 0; i < 6; i++)
            Assert.Equal(gt[i], info.GeoTransform[i], 9);
        var levels = gdal.GetProperty("levels");
        Assert.Equal(levels[0].GetProperty("width").GetInt32(), info.Width);
        Assert.Equal(levels[0].GetProperty("height").GetInt32(), info.Height);
        Assert.Equal(levels.EnumerateArray().Skip(1).Select(l => (l.GetProperty("width").GetInt32(), l.GetProperty("height").GetInt32())), info.Overviews);
        Assert.Equal(TiffFixtures.DataType(name), info.DataType);
        Assert.Equal(gdal.GetProperty("bands").GetInt32(), info.BandCount);
        var block = gdal.GetProperty("blockSize");
        Assert.Equal((block[0].GetInt32(), block[1].GetInt32()), (info.BlockWidth, info.BlockHeight));
        Assert.Equal(levels[0].TryGetProperty("mask", out _), info.HasMask);
        AssertNodata(gdal.GetProperty("nodata"), info.Nodata);
        AssertBands(gdal, info.Bands);
        AssertWgs84Bounds(gdal.GetProperty("wgs84Extent"), info.Wgs84Bounds);
    }

    [Fact]
    public async Task Info_NativeBounds_AreTheOuterPixelEdges()
    {
        var info = (await TiffFixtures.OpenAsync("deflate_p2_u16.tif")).Info;
        Assert.Equal(new Bounds(500000, 4998800, 501600, 5000000), info.NativeBounds);
    }

    [Fact]
    public async Task Info_AlphaBand_IsNamedAndMasks()
    {
        var info = (await TiffFixtures.OpenAsync("cog_alpha_rgba.tif")).Info;
        Assert.Equal(["red", "green", "blue", "alpha"], info.Bands.Select(b => b.ColorInterpretation));
        Assert.True(info.HasMask);
    }

    private static void AssertNodata(JsonElement expected, double? actual)
    {
        if (expected.ValueKind == JsonValueKind.Null)
        {
            Assert.Null(actual);
            return;
        }
        var value = expected.GetString() == "nan" ? double.NaN : double.Parse(expected.GetString()!, CultureInfo.InvariantCulture);
        Assert.NotNull(actual);
        Assert.Equal(value, actual!.Value);
    }

    private static void AssertBands(JsonElement gdal, IReadOnlyList<BandInfo> bands)
    {
        var scales = gdal.GetProperty("scales").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var offsets = gdal.GetProperty("offsets").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var descriptions = gdal.GetProperty("descriptions").EnumerateArray().Select(v => v.GetString()).ToArray();
        Assert.Equal(scales, bands.Select(b => b.Scale));
        Assert.Equal(offsets, bands.Select(b => b.Offset));
        Assert.Equal(descriptions, bands.Select(b => b.Description ?? ""));
    }

    private static void AssertWgs84Bounds(JsonElement ring, Bounds actual)
    {
        var lons = ring.EnumerateArray().Select(p => p[0].GetDouble()).ToArray();
        var lats = ring.EnumerateArray().Select(p => p[1].GetDouble()).ToArray();
        Assert.Equal(lons.Min(), actual.MinX, 5);
        Assert.Equal(lons.Max(), actual.MaxX, 5);
        Assert.Equal(lats.Min(), actual.MinY, 5);
        Assert.Equal(lats.Max(), actual.MaxY, 5);
    }
}
