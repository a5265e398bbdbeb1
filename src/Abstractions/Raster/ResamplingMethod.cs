namespace OgcTiler.Abstractions.Raster;

/// <summary>Resampling kernels; names follow GDAL/rasterio ("nearest", "bilinear", "cubic", "average").</summary>
public enum ResamplingMethod { Nearest, Bilinear, Cubic, Average }
