using System.Globalization;
using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Tiff;
using OgcTiler.TestSupport;

namespace OgcTiler.Raster.Tests.Crs;

/// <summary>
/// A raster's datum operation is gdalwarp's: its area of interest is the one GDAL computes for it (GDALComputeAreaOfInterest,
/// printed under CPL_DEBUG), and its pixels land where GDAL's warp transformer (gdal.Transformer, which is
/// GDALCreateGenImgProjTransformer2) puts them to EPSG:4326, and back. RSO Sarawak (EPSG:29874) is where this differs
/// from cs2cs's per-point choice by about 1.9 m; the others check that nothing else moves.
/// </summary>
public sealed class RasterAreaOfInterestTests
{
    private const string GdalTransformer = """
        import sys
        from osgeo import gdal
        gdal.UseExceptions()
        debug = []
        gdal.PushErrorHandler(lambda level, no, msg: debug.append(msg))
        gdal.SetConfigOption("CPL_DEBUG", "ON")
        ds = gdal.Open(sys.argv[1])
        t = gdal.Transformer(ds, None, ["DST_SRS=EPSG:4326"])
        print([m for m in debug if "area of interest" in m][0].split(": ")[-1])
        n = ds.RasterXSize
        pixels = [(i * n / 4, j * n / 4) for i in range(5) for j in range(5)]
        forward = t.TransformPoints(0, pixels)[0]
        back = t.TransformPoints(1, [(x, y) for x, y, _ in forward])[0]
        for (col, row), (lon, lat, _), (bcol, brow, _) in zip(pixels, forward, back):
            print(repr(col), repr(row), repr(lon), repr(lat), repr(bcol), repr(brow))
        """;

    [Theory]
    [InlineData("rso_sarawak_29874")]
    [InlineData("brso_east_malaysia_3376")]
    [InlineData("michigan_oblique_3078")]
    [InlineData("oregon_coast_ft_6841")]
    public async Task RasterTransform_ToWgs84AndBack_IsGdalWarpTransformers(string name)
    {
        var path = RepoPaths.Data("crs", "epsg_coded", name + ".tif");
        var lines = (await ExternalProcess.RunCheckedAsync("/usr/bin/python3", "-c", GdalTransformer, path)).Trim().Split('\n');
        var dataset = (GeoTiffDataset)await new RasterOpener(new HttpClient(), 16).OpenAsync(path, CancellationToken.None);

        // GDAL prints the area with %g: six significant digits
        var gdalArea = lines[0].Split(", ").Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var area = dataset.AreaOfInterest!.Degrees;
        double[] ours = [area.MinX, area.MinY, area.MaxX, area.MaxY];
        for (var i = 0; i < 4; i++)
            Assert.True(Math.Abs(ours[i] - gdalArea[i]) <= 5e-6 * Math.Max(1, Math.Abs(gdalArea[i])), $"area {string.Join(", ", ours)}, GDAL's {lines[0]}");

        var wgs84 = CrsRegistry.Default.Resolve("EPSG:4326");
        var (toWgs84, toRaster) = (CrsRegistry.Default.CreateTransform(dataset.Crs, wgs84, dataset.AreaOfInterest), CrsRegistry.Default.CreateTransform(wgs84, dataset.Crs, dataset.AreaOfInterest));
        var pixels = dataset.Levels[0].Transform;
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var (x, y) = pixels.PixelToWorld(f[0], f[1]);
            var (lon, lat) = toWgs84.Transform(x, y);
            // 1e-8 degrees: about 1 mm
            Assert.True(Math.Abs(lon - f[2]) < 1e-8 && Math.Abs(lat - f[3]) < 1e-8, $"pixel ({f[0]}, {f[1]}) went to ({lon:R}, {lat:R}), GDAL's ({f[2]:R}, {f[3]:R})");
            var (backX, backY) = toRaster.Transform(f[2], f[3]);
            var (col, row) = pixels.Inverse().PixelToWorld(backX, backY);
            Assert.True(Math.Abs(col - f[4]) < 1e-6 && Math.Abs(row - f[5]) < 1e-6, $"({f[2]}, {f[3]}) went back to pixel ({col:R}, {row:R}), GDAL's ({f[4]:R}, {f[5]:R})");
        }
    }
}
