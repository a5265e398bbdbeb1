using System.Diagnostics;
using OgcTiler.Server.Rendering;
using OgcTiler.Server.Rendering.Encoders;
using SkiaSharp;

namespace OgcTiler.Bench;

/// <summary>
/// PNG size against encode time for every filter and zlib level, over a folder of rendered tiles (grey or grey+alpha
/// PNGs, e.g. fetched from the load benchmark's layer). Run: <c>dotnet run -c Release --project bench -- png-sweep DIR</c>.
/// Also encodes the same pictures as RGB with SkiaSharp/libpng defaults for reference.
/// </summary>
internal static class PngSweep
{
    public static void Run(string folder)
    {
        var images = Directory.GetFiles(folder, "*.png").Select(Load).ToList();
        Console.WriteLine($"{images.Count} tiles from {folder}");
        Console.WriteLine("filter    level  mean bytes  ms/tile");
        foreach (var filter in Enum.GetValues<PngFilter>())
        {
            foreach (var level in new[] { 1, 2, 3, 4, 6 })
            {
                var encoder = new PngEncoder(new PngOptions(filter, level));
                var (bytes, ms) = Measure(images, encoder.Encode);
                Console.WriteLine($"{filter,-9} {level,5} {bytes,11:F0} {ms,8:F3}");
            }
        }
        var (skiaBytes, skiaMs) = Measure(images, EncodeSkiaRgb);
        Console.WriteLine($"SkiaSharp RGBA (libpng all filters, zlib 6): {skiaBytes:F0} B, {skiaMs:F3} ms/tile");
    }

    private static (double Bytes, double Ms) Measure(List<PixelImage> images, Func<PixelImage, byte[]> encode)
    {
        long total = 0;
        foreach (var image in images)
            total += encode(image).Length; // warm-up and sizes
        var watch = Stopwatch.StartNew();
        const int rounds = 3;
        for (var r = 0; r < rounds; r++)
        {
            foreach (var image in images)
                encode(image);
        }
        return ((double)total / images.Count, watch.Elapsed.TotalMilliseconds / (rounds * images.Count));
    }

    private static byte[] EncodeSkiaRgb(PixelImage image)
    {
        using var rgba = SkiaPixels.ToRgba(image);
        return SkiaPixels.Encode(rgba, SKColorType.Rgba8888, SKAlphaType.Unpremul, p => p.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, 6)));
    }

    /// <summary>Grey+alpha pixels of a tile (the grey channel is the red one of the decoded picture).</summary>
    private static PixelImage Load(string path)
    {
        using var bitmap = SKBitmap.Decode(File.ReadAllBytes(path), new SKImageInfo(256, 256, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        var opaque = Enumerable.Range(0, 256 * 256).All(i => bitmap.GetPixel(i % 256, i / 256).Alpha == 255);
        var image = new PixelImage(256, 256, opaque ? 1 : 2);
        var pixels = image.Pixels;
        for (var i = 0; i < 256 * 256; i++)
        {
            var c = bitmap.GetPixel(i % 256, i / 256);
            pixels[i * image.Channels] = c.Red;
            if (!opaque)
                pixels[i * 2 + 1] = c.Alpha;
        }
        return image;
    }
}
