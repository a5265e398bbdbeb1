namespace OgcTiler.Abstractions.Raster;

/// <summary>
/// How pixels are read into a <see cref="TargetGrid"/>, by a dataset (<see cref="IRasterDataset"/>) or a source
/// (<see cref="Sources.IRasterSource"/>); the bands to read are passed beside it.
/// </summary>
/// <param name="Resampling">Kernel used when reading a decimated overview window (TiTiler's <c>resampling</c>).</param>
/// <param name="Reproject">Kernel used by the warp from source to target pixels (TiTiler's <c>reproject</c>).</param>
/// <param name="Nodata">Overrides the dataset's nodata value.</param>
/// <param name="Unscale">Apply each band's scale and offset to the values.</param>
public sealed record ReadOptions(
    ResamplingMethod Resampling = ResamplingMethod.Nearest,
    ResamplingMethod Reproject = ResamplingMethod.Nearest,
    double? Nodata = null,
    bool Unscale = false)
{
    public static ReadOptions Default { get; } = new();
}
