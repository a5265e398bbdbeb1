using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Server.Rendering.Encoders;

/// <summary>
/// Band-sequential arrays for the data formats (npy, GeoTIFF): the data bands, then the mask (0 or 255) as the last
/// band. Either all uint8 (a rendered picture) or all float32 (values as read).
/// </summary>
internal sealed class DataBands
{
    private readonly byte[]? _bytes;
    private readonly float[]? _floats;

    private DataBands(int width, int height, int count, byte[]? bytes, float[]? floats)
    {
        Width = width;
        Height = height;
        Count = count;
        _bytes = bytes;
        _floats = floats;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Data bands plus the mask band.</summary>
    public int Count { get; }

    public bool IsByte => _bytes is not null;

    private int Plane => Width * Height;

    public ReadOnlySpan<byte> Bytes(int band) => _bytes.AsSpan(band * Plane, Plane);

    public ReadOnlySpan<float> Floats(int band) => _floats.AsSpan(band * Plane, Plane);

    public static DataBands FromValues(RasterData data)
    {
        var floats = new float[(data.BandCount + 1) * data.PixelCount];
        data.AllSamples.CopyTo(floats);
        var mask = floats.AsSpan(data.BandCount * data.PixelCount);
        for (var i = 0; i < mask.Length; i++)
            mask[i] = data.Mask[i];
        return new DataBands(data.Width, data.Height, data.BandCount + 1, null, floats);
    }

    /// <summary>The colour channels of <paramref name="image"/> (its alpha dropped) and <paramref name="mask"/>.</summary>
    public static DataBands FromPicture(PixelImage image, ReadOnlySpan<byte> mask)
    {
        var colours = image.HasAlpha ? image.Channels - 1 : image.Channels;
        var plane = image.Width * image.Height;
        var bytes = new byte[(colours + 1) * plane];
        var pixels = image.Pixels;
        for (var c = 0; c < colours; c++)
        {
            for (var i = 0; i < plane; i++)
                bytes[c * plane + i] = pixels[i * image.Channels + c];
        }
        mask.CopyTo(bytes.AsSpan(colours * plane));
        return new DataBands(image.Width, image.Height, colours + 1, bytes, null);
    }
}
