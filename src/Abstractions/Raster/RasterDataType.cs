namespace OgcTiler.Abstractions.Raster;

/// <summary>Sample type of a raster band as stored in the source.</summary>
public enum RasterDataType { UInt8, Int8, UInt16, Int16, UInt32, Int32, Float32, Float64 }
