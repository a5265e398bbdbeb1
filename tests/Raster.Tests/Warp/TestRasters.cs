using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Geometry;
using OgcTiler.Raster.Warp;

namespace OgcTiler.Raster.Tests.Warp;

/// <summary>Small synthetic rasters in EPSG:32631 (10 m pixels, origin 500000 E / 5000000 N) and grids over them.</summary>
internal static class TestRasters
{
    public const double X0 = 500000;
    public const double Y0 = 5000000;
    public const double Pixel = 10;
    public const string Crs = "EPSG:32631";

    public static CrsRegistry Registry => CrsRegistry.Default;

    /// <summary>A raster whose band b (0-based) holds value(b, x, y); overviews (factors 2, 4, ...) are plain decimations.</summary>
    public static InMemoryBlockedRaster Create(int width, int height, Func<int, int, int, float> value, int bands = 1, double? nodata = null,
        Func<int, int, bool>? valid = null, int blockSize = 64, int overviews = 0)
    {
        var levels = new List<InMemoryLevel>();
        for (var l = 0; l <= overviews; l++)
        {
            var f = 1 << l;
            var (w, h) = (width / f, height / f);
            var samples = new float[w * h * bands];
            for (var b = 0; b < bands; b++)
            {
                for (var y = 0; y < h; y++)
                {
                    for (var x = 0; x < w; x++)
                        samples[b * w * h + y * w + x] = value(b, x * f, y * f);
                }
            }
            byte[]? mask = null;
            if (valid is not null)
            {
                mask = new byte[w * h];
                for (var i = 0; i < mask.Length; i++)
                    mask[i] = valid(i % w * f, i / w * f) ? (byte)255 : (byte)0;
            }
            var level = new RasterLevel(w, h, blockSize, blockSize, new GeoTransform(X0, Pixel * f, 0, Y0, 0, -Pixel * f));
            levels.Add(new InMemoryLevel(level, samples, mask));
        }
        return new InMemoryBlockedRaster("test.tif", Registry.Resolve(Crs), bands, nodata, levels);
    }

    /// <summary>A grid in the raster's CRS whose top-left corner is at source pixel (col, row), with the given pixel size.</summary>
    public static TargetGrid Grid(double col, double row, int width, int height, double pixel = Pixel)
    {
        var minX = X0 + col * Pixel;
        var maxY = Y0 - row * Pixel;
        return new TargetGrid(Crs, minX, maxY - height * pixel, minX + width * pixel, maxY, width, height);
    }

    public static RasterData Read(IBlockedRaster raster, TargetGrid grid, ReadOptions? options = null, IReadOnlyList<int>? bands = null) =>
        Warper.ReadAsync(raster, grid, bands, options ?? ReadOptions.Default, Registry, CancellationToken.None).GetAwaiter().GetResult();

    public static ReadOptions Kernel(ResamplingMethod method) => new(Resampling: method, Reproject: method);
}
