using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Raster.Warp;

/// <summary>
/// How a kernel writes a weighted mean of samples. For an integer type: rounded half up and clamped to the type's
/// range in double precision, as GDAL's warper and RasterIO write it into the source's type (GWKRoundValueT,
/// GWKClampValueT, GDALCopyWords) before rio-tiler sees it; for a float type: the mean as it is. RasterIO's resampling
/// (a read in the file's own CRS at an output size) works in float32 (GDALResampleChunk_ConvolutionT's float work type),
/// so there the mean is rounded as a float: in double, some 16-bit bilinear and cubic samples came out 1 below
/// gdal_translate -outsize's (AlphaBandTests).
/// </summary>
internal readonly record struct SampleRounding(bool Rounds, double Min, double Max, bool InFloat)
{
    /// <param name="rasterIo">Whether the read resamples as GDAL's RasterIO does rather than as its warper.</param>
    public static SampleRounding For(RasterDataType type, bool rasterIo = false)
    {
        if (type is RasterDataType.Float32 or RasterDataType.Float64)
            return default;
        var (min, max) = RasterDataTypes.Range(type);
        return new SampleRounding(true, min, max, rasterIo);
    }

    public float Write(double mean) =>
        !Rounds ? (float)mean
        : InFloat ? (float)Math.Clamp(MathF.Floor((float)mean + 0.5f), Min, Max)
        : (float)HalfUp(mean, Min, Max);

    /// <summary>A mean rounded half up and clamped to [<paramref name="min"/>, <paramref name="max"/>] in double precision.</summary>
    public static double HalfUp(double mean, double min, double max) => Math.Clamp(Math.Floor(mean + 0.5), min, max);
}
