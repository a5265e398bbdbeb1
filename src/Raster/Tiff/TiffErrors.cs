using OgcTiler.Abstractions.Errors;

namespace OgcTiler.Raster.Tiff;

internal static class TiffErrors
{
    public static RasterFormatException Format(string uri, string problem, Exception? inner = null) => new(uri, problem, inner);
}
