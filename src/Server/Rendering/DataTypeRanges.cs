using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Server.Rendering;

/// <summary>
/// The value range of each data type (<see cref="RasterDataTypes.Range"/>, rasterio's dtype_ranges), which rio-tiler
/// stretches to 0..255 when a format cannot hold the type: JPEG and WebP take uint8 only, PNG uint8 and uint16.
/// </summary>
internal static class DataTypeRanges
{
    public static ValueRange Of(RasterDataType type)
    {
        var (min, max) = RasterDataTypes.Range(type);
        return new ValueRange(min, max);
    }
}
