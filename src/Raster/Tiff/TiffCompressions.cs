namespace OgcTiler.Raster.Tiff;

/// <summary>The names of TIFF Compression codes, as GDAL reports them (IMAGE_STRUCTURE COMPRESSION, rasterio's Compression).</summary>
internal static class TiffCompressions
{
    public const int None = 1;

    public static string Name(int compression) => compression switch
    {
        None => "NONE",
        2 => "CCITTRLE",
        3 => "CCITTFAX3",
        4 => "CCITTFAX4",
        5 => "LZW",
        6 => "OJPEG",
        7 => "JPEG",
        8 or 32946 => "DEFLATE",
        32773 => "PACKBITS",
        34661 => "JBIG",
        34676 => "SGILOG",
        34677 => "SGILOG24",
        34712 => "JPEG2000",
        34887 => "LERC",
        34925 => "LZMA",
        50000 => "ZSTD",
        50001 => "WEBP",
        50002 => "JXL",
        _ => compression.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
