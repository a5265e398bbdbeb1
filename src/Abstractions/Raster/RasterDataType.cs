namespace OgcTiler.Abstractions.Raster;

/// <summary>Sample type of a raster band as stored in the source.</summary>
public enum RasterDataType { UInt8, Int8, UInt16, Int16, UInt32, Int32, Float32, Float64 }

/// <summary>What each <see cref="RasterDataType"/> holds.</summary>
public static class RasterDataTypes
{
    /// <summary>The type's value range (rasterio's <c>dtype_ranges</c>).</summary>
    public static (double Min, double Max) Range(RasterDataType type) => type switch
    {
        RasterDataType.UInt8 => (byte.MinValue, byte.MaxValue),
        RasterDataType.Int8 => (sbyte.MinValue, sbyte.MaxValue),
        RasterDataType.UInt16 => (ushort.MinValue, ushort.MaxValue),
        RasterDataType.Int16 => (short.MinValue, short.MaxValue),
        RasterDataType.UInt32 => (uint.MinValue, uint.MaxValue),
        RasterDataType.Int32 => (int.MinValue, int.MaxValue),
        RasterDataType.Float32 => (float.MinValue, float.MaxValue),
        _ => (double.MinValue, double.MaxValue),
    };

    /// <summary>
    /// Whether a sample of the type can hold <paramref name="value"/> (rasterio's <c>in_dtype_range</c>): inside its
    /// range, NaN and the infinities only for the float types.
    /// </summary>
    public static bool Holds(RasterDataType type, double value)
    {
        if (type is RasterDataType.Float32 or RasterDataType.Float64 && !double.IsFinite(value))
            return true;
        var (min, max) = Range(type);
        return value >= min && value <= max;
    }
}
