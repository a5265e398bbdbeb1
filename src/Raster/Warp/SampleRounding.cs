using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Raster.Warp;

/// <summary>
/// How a kernel writes a weighted mean of samples. For an integer type: rounded half up and clamped to the type's
/// range in double precision, as GDAL's warper and RasterIO write it into the source's type (GWKRoundValueT,
/// GWKClampValueT, GDALCopyWords) before rio-tiler sees it; for a float type: the mean as it is.
/// </summary>
internal readonly record struct SampleRounding(bool Rounds, double Min, double Max)
{
    public static SampleRounding For(RasterDataType type)
    {
        if (type is RasterDataType.Float32 or RasterDataType.Float64)
            return default;
        var (min, max) = RasterDataTypes.Range(type);
        return new SampleRounding(true, min, max);
    }

    public float Write(double mean) => Rounds ? (float)Math.Clamp(Math.Floor(mean + 0.5), Min, Max) : (float)mean;
}
