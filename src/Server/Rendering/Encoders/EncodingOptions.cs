namespace OgcTiler.Server.Rendering.Encoders;

/// <summary>Section <c>Encoding</c>: how pictures and data files are encoded (read by the configuration, used by <see cref="ImageEncoders"/>).</summary>
public sealed record EncodingOptions(PngOptions Png, int JpegQuality, int WebpQuality, GeoTiffCompression GeoTiffCompression = GeoTiffCompression.Deflate);

public enum GeoTiffCompression { None, Deflate }

/// <summary>PNG scanline filter and zlib level (1 fastest .. 9 smallest).</summary>
public sealed record PngOptions(PngFilter Filter, int ZlibLevel);

/// <summary>PNG filter types applied to every row; <see cref="Adaptive"/> picks per row (libpng's heuristic).</summary>
public enum PngFilter { None, Sub, Up, Average, Paeth, Adaptive }
