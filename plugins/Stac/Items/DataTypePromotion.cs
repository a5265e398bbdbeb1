using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Plugins.Stac.Items;

/// <summary>
/// numpy's promote_types over the raster data types: the type rio-tiler's stacked array of several assets gets
/// (uint8 + uint16 → uint16, int16 + uint16 → int32, uint16 + float32 → float32, int32 + float32 → float64).
/// numpy's int64 (a signed type with uint32) has no <see cref="RasterDataType"/>; float64 stands in, holding every value.
/// </summary>
internal static class DataTypePromotion
{
    public static RasterDataType Promote(RasterDataType a, RasterDataType b)
    {
        var (kindA, bitsA) = Describe(a);
        var (kindB, bitsB) = Describe(b);
        if (kindA == kindB)
            return bitsA >= bitsB ? a : b;
        if (kindA == Kind.Float || kindB == Kind.Float)
        {
            var (floatBits, intBits) = kindA == Kind.Float ? (bitsA, bitsB) : (bitsB, bitsA);
            return floatBits == 64 || intBits > 16 ? RasterDataType.Float64 : RasterDataType.Float32;
        }
        var (signedBits, unsignedBits) = kindA == Kind.Signed ? (bitsA, bitsB) : (bitsB, bitsA);
        return Math.Max(signedBits, 2 * unsignedBits) switch
        {
            16 => RasterDataType.Int16,
            32 => RasterDataType.Int32,
            _ => RasterDataType.Float64,
        };
    }

    private enum Kind { Unsigned, Signed, Float }

    private static (Kind Kind, int Bits) Describe(RasterDataType type) => type switch
    {
        RasterDataType.UInt8 => (Kind.Unsigned, 8),
        RasterDataType.Int8 => (Kind.Signed, 8),
        RasterDataType.UInt16 => (Kind.Unsigned, 16),
        RasterDataType.Int16 => (Kind.Signed, 16),
        RasterDataType.UInt32 => (Kind.Unsigned, 32),
        RasterDataType.Int32 => (Kind.Signed, 32),
        RasterDataType.Float32 => (Kind.Float, 32),
        _ => (Kind.Float, 64),
    };
}
