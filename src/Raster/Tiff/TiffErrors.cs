using OgcTiler.Abstractions.Errors;

namespace OgcTiler.Raster.Tiff;

internal static class TiffErrors
{
    public static RasterFormatException Format(string uri, string problem, Exception? inner = null) => new(uri, problem, inner);

    public static string CompressionName(int compression) => compression switch
    {
        1 => "none",
        2 => "CCITT RLE",
        3 => "CCITT Group 3",
        4 => "CCITT Group 4",
        5 => "LZW",
        6 => "old-style JPEG",
        7 => "JPEG",
        8 or 32946 => "DEFLATE",
        32773 => "PackBits",
        34661 => "JBIG",
        34676 or 34677 => "SGILOG",
        34712 => "JPEG2000",
        34887 => "LERC",
        34925 => "LZMA",
        50000 => "ZSTD",
        50001 => "WEBP",
        50002 => "JPEG-XL",
        _ => "unknown",
    };
}
