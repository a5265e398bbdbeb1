namespace OgcTiler.Raster.Tiff;

/// <summary>The TIFF, GeoTIFF and GDAL tags the reader uses.</summary>
internal static class TiffTag
{
    public const ushort NewSubfileType = 254;
    public const ushort ImageWidth = 256;
    public const ushort ImageLength = 257;
    public const ushort BitsPerSample = 258;
    public const ushort Compression = 259;
    public const ushort Photometric = 262;
    public const ushort StripOffsets = 273;
    public const ushort SamplesPerPixel = 277;
    public const ushort RowsPerStrip = 278;
    public const ushort StripByteCounts = 279;
    public const ushort PlanarConfiguration = 284;
    public const ushort Predictor = 317;
    public const ushort TileWidth = 322;
    public const ushort TileLength = 323;
    public const ushort TileOffsets = 324;
    public const ushort TileByteCounts = 325;
    public const ushort ExtraSamples = 338;
    public const ushort SampleFormat = 339;
    public const ushort JpegTables = 347;
    public const ushort ModelPixelScale = 33550;
    public const ushort ModelTiepoint = 33922;
    public const ushort ModelTransformation = 34264;
    public const ushort GeoKeyDirectory = 34735;
    public const ushort GeoDoubleParams = 34736;
    public const ushort GeoAsciiParams = 34737;
    public const ushort GdalMetadata = 42112;
    public const ushort GdalNodata = 42113;
    public const ushort LercParameters = 50674;

    /// <summary>Tags whose values are loaded; others are skipped without reading their data.</summary>
    public static bool IsUsed(ushort tag) => tag switch
    {
        NewSubfileType or ImageWidth or ImageLength or BitsPerSample or Compression or Photometric or StripOffsets
            or SamplesPerPixel or RowsPerStrip or StripByteCounts or PlanarConfiguration or Predictor or TileWidth
            or TileLength or TileOffsets or TileByteCounts or ExtraSamples or SampleFormat or JpegTables
            or ModelPixelScale or ModelTiepoint or ModelTransformation or GeoKeyDirectory or GeoDoubleParams
            or GeoAsciiParams or GdalMetadata or GdalNodata or LercParameters => true,
        _ => false,
    };
}
