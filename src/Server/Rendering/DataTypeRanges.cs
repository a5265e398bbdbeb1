using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Server.Rendering;

/// <summary>
/// The value range of each data type (rasterio's dtype_ranges), which rio-tiler stretches to 0..255 when a format
/// cannot hold the type: JPEG and WebP take uint8 only, PNG uint8 and uint16.
/// </summary>
internal static class DataTypeRanges
{
    public static ValueRange Of(RasterDataType type) => type switch
    {
        RasterDataType.UInt8 => new ValueRange(byte.MinValue, byte.MaxValue),
        RasterDataType.Int8 => new ValueRange(sbyte.MinValue, sbyte.MaxValue),
        RasterDataType.UInt16 => new ValueRange(ushort.MinValue, ushort.MaxValue),
        RasterDataType.Int16 => new ValueRange(short.MinValue, short.MaxValue),
        RasterDataType.UInt32 => new ValueRange(uint.MinValue, uint.MaxValue),
        RasterDataType.Int32 => new ValueRange(int.MinValue, int.MaxValue),
        RasterDataType.Float32 => new ValueRange(float.MinValue, float.MaxValue),
        _ => new ValueRange(double.MinValue, double.MaxValue),
    };
}
