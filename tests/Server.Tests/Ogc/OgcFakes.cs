using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Raster.Crs;
using OgcTiler.Server.Configuration;
using OgcTiler.Server.Layers;
using OgcTiler.Server.Rendering;
using SkiaSharp;

namespace OgcTiler.Server.Tests.Ogc;

/// <summary>A source covering <see cref="SourceInfo.Wgs84Bounds"/> (its pixels come from <see cref="GridPipeline"/>).</summary>
internal sealed class FakeSource(string id, SourceInfo info) : IRasterSource
{
    public string Id { get; } = id;

    public SourceInfo Info { get; } = info;

    public Task<RasterData> ReadAsync(TargetGrid grid, IReadOnlyList<string> bands, ReadOptions options, CancellationToken cancellationToken) =>
        throw new NotSupportedException("GridPipeline computes pixels itself");

    /// <summary>A UTM 31N source over lon 1.5..2.5, lat 43.5..44.5 (the usual test layer).</summary>
    public static FakeSource Utm31(string id) => Create(id, "EPSG:32631", new Bounds(1.5, 43.5, 2.5, 44.5));

    public static FakeSource Create(string id, string crs, Bounds wgs84)
    {
        var definition = CrsRegistry.Default.Resolve(crs);
        var native = definition.IsGeographic ? wgs84 : Project(wgs84, definition);
        return new FakeSource(id, new SourceInfo(crs, native, wgs84, native.Width / 1000, 1000, 1000, RasterDataType.UInt16, null, ["b1", "b2"], [new BandInfo("lon"), new BandInfo("lat")]));
    }

    private static Bounds Project(Bounds wgs84, CrsDefinition target)
    {
        var t = CrsRegistry.Default.CreateTransform(CrsRegistry.Default.Resolve("CRS:84"), target);
        var (x0, y0) = t.Transform(wgs84.MinX, wgs84.MinY);
        var (x1, y1) = t.Transform(wgs84.MaxX, wgs84.MaxY);
        var (x2, y2) = t.Transform(wgs84.MinX, wgs84.MaxY);
        var (x3, y3) = t.Transform(wgs84.MaxX, wgs84.MinY);
        return new Bounds(Math.Min(x0, x2), Math.Min(y0, y3), Math.Max(x1, x3), Math.Max(y1, y2));
    }
}

/// <summary>A source that opens but whose reads fail with <paramref name="error"/> (thrown by <see cref="GridPipeline"/>).</summary>
internal sealed class FailingSource(string id, Exception error) : IRasterSource
{
    public string Id { get; } = id;

    public Exception Error { get; } = error;

    public SourceInfo Info { get; } = FakeSource.Utm31(id).Info;

    public Task<RasterData> ReadAsync(TargetGrid grid, IReadOnlyList<string> bands, ReadOptions options, CancellationToken cancellationToken) => throw Error;
}

internal sealed class FakeLayerRegistry(IReadOnlyList<(LayerDefinition Layer, IRasterSource Source)> layers) : ILayerRegistry
{
    public IReadOnlyList<LayerDefinition> Layers { get; set; } = layers.Select(l => l.Layer).ToList();

    public LayerDefinition? Find(string id) => Layers.FirstOrDefault(l => l.Id == id);

    /// <summary>Layers whose source fails to open, with the error the opening throws.</summary>
    public Dictionary<string, Exception> OpenErrors { get; } = [];

    /// <summary>Layers whose source never finishes opening (as over a stalled upstream) until the request is cancelled.</summary>
    public HashSet<string> Stalled { get; } = [];

    public Task<IRasterSource> GetSourceAsync(LayerDefinition layer, CancellationToken cancellationToken) =>
        Stalled.Contains(layer.Id) ? StallAsync(cancellationToken)
        : OpenErrors.TryGetValue(layer.Id, out var error) ? Task.FromException<IRasterSource>(error)
        : Task.FromResult(layers.First(l => l.Layer.Id == layer.Id).Source);

    public void Replace(LayerDefinition layer, IRasterSource source) => throw new NotSupportedException("no fake layer declares Time");

    private static async Task<IRasterSource> StallAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }
}

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
