using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Tiff;

namespace OgcTiler.Raster.Tests.Tiff;

/// <summary>A read of a dataset onto the grid of a <c>gdalwarp -r near -dstalpha</c> output, compared with that output.</summary>
internal static class GdalwarpNearest
{
    /// <summary>
    /// Reads <paramref name="dataset"/> onto <paramref name="golden"/>'s grid (in <paramref name="crs"/>) and asserts
    /// that the validity masks agree on 99.9% of the pixels and the values within 1 DN on 99.9% of those valid in both.
    /// </summary>
    public static async Task AssertMatchesAsync(GeoTiffDataset dataset, GeoTiffDataset golden, string crs)
    {
        var (expected, expectedMask) = await TiffFixtures.ReadLevelAsync(golden, 0);
        Assert.NotNull(expectedMask);
        var b = golden.Info.NativeBounds;
        var grid = new TargetGrid(crs, b.MinX, b.MinY, b.MaxX, b.MaxY, golden.Info.Width, golden.Info.Height);
        using var data = await dataset.ReadAsync(grid, null, ReadOptions.Default, CancellationToken.None);
        var values = data.Band(0);
        var mask = data.Mask;
        int count = grid.Width * grid.Height, maskAgree = 0, bothValid = 0, valuesAgree = 0;
        for (var i = 0; i < count; i++)
        {
            var gdalValid = expectedMask[i] > 0; // gdalwarp's alpha band
            var ourValid = mask[i] > 0;
            maskAgree += gdalValid == ourValid ? 1 : 0;
            if (gdalValid && ourValid)
            {
                bothValid++;
                valuesAgree += Math.Abs(values[i] - expected[i]) <= 1 ? 1 : 0;
            }
        }
        Assert.True(bothValid > count / 4, $"only {bothValid} pixels valid in both");
        Assert.True(maskAgree >= 0.999 * count, $"mask agrees on {maskAgree} of {count} pixels");
        Assert.True(valuesAgree >= 0.999 * bothValid, $"values agree on {valuesAgree} of {bothValid} pixels");
    }
}
