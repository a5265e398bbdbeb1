using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Crs;
using OgcTiler.Server.Rendering;
using SkiaSharp;

namespace OgcTiler.TestSupport.Hosting.Fakes;

/// <summary>
/// A pipeline whose picture is a function of each pixel centre's longitude/latitude: the same grid gives the same
/// bytes, a grid shifted or with swapped axes gives another picture. Bands b1/b2 read as lon/lat × 1000.
/// </summary>
internal sealed class GridPipeline : IRenderPipeline
{
    public List<RenderRequest> Requests { get; } = [];

    public Task<RasterData> ReadAsync(RenderRequest request, CancellationToken cancellationToken)
    {
        lock (Requests)
            Requests.Add(request);
        if (request.Source is FailingSource failing)
            throw failing.Error;
        var grid = request.Grid;
        var data = RasterData.Create(grid.Width, grid.Height, ["b1", "b2"]);
        var (lons, lats) = Centres(grid);
        var bounds = request.Source.Info.Wgs84Bounds;
        for (var p = 0; p < grid.Width * grid.Height; p++)
        {
            data.Band(0)[p] = (float)(lons[p] * 1000);
            data.Band(1)[p] = (float)(lats[p] * 1000);
            data.Mask[p] = lons[p] >= bounds.MinX && lons[p] <= bounds.MaxX && lats[p] >= bounds.MinY && lats[p] <= bounds.MaxY ? (byte)255 : (byte)0;
        }
        return Task.FromResult(data);
    }

    public async Task<EncodedImage> RenderAsync(RenderRequest request, CancellationToken cancellationToken)
    {
        using var image = await RenderPixelsAsync(request, cancellationToken);
        var info = new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        System.Runtime.InteropServices.Marshal.Copy(image.Buffer, 0, bitmap.GetPixels(), image.Pixels.Length);
        using var encoded = request.Format.Name switch
        {
            "jpeg" => bitmap.Encode(SKEncodedImageFormat.Jpeg, 90),
            "webp" => bitmap.Encode(SKEncodedImageFormat.Webp, 100),
            _ => bitmap.Encode(SKEncodedImageFormat.Png, 100),
        };
        return new EncodedImage(encoded.ToArray(), request.Format);
    }

    /// <summary>RGBA: red and green from lon/lat × 1000 (× 2.56, wrapped), blue 128 (200 with a colormap), alpha 255 inside the data.</summary>
    public async Task<PixelImage> RenderPixelsAsync(RenderRequest request, CancellationToken cancellationToken)
    {
        using var data = await ReadAsync(request, cancellationToken);
        var image = new PixelImage(data.Width, data.Height, 4);
        var rgba = image.Pixels;
        rgba.Clear();
        for (var p = 0; p < data.PixelCount; p++)
        {
            if (data.Mask[p] == 0)
                continue;
            rgba[4 * p] = (byte)((int)Math.Floor(data.Band(0)[p] * 2.56) & 255);
            rgba[4 * p + 1] = (byte)((int)Math.Floor(data.Band(1)[p] * 2.56) & 255);
            rgba[4 * p + 2] = request.Options.ColormapName is null ? (byte)128 : (byte)200;
            rgba[4 * p + 3] = 255;
        }
        return image;
    }

    private static (double[] Lons, double[] Lats) Centres(TargetGrid grid)
    {
        var n = grid.Width * grid.Height;
        var xs = new double[n];
        var ys = new double[n];
        for (var row = 0; row < grid.Height; row++)
        {
            for (var col = 0; col < grid.Width; col++)
            {
                xs[row * grid.Width + col] = grid.MinX + (col + 0.5) * grid.ResolutionX;
                ys[row * grid.Width + col] = grid.MaxY - (row + 0.5) * grid.ResolutionY;
            }
        }
        var registry = CrsRegistry.Default;
        registry.CreateTransform(registry.Resolve(grid.Crs), registry.Resolve("CRS:84")).Transform(xs, ys);
        return (xs, ys);
    }
}
