using System.IO.Compression;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Tiff;

namespace OgcTiler.Server.Rendering.Encoders;

/// <summary>
/// A georeferenced little-endian GeoTIFF of <see cref="DataBands"/> in their data type: one strip per band (planar),
/// uncompressed or DEFLATE, with the CRS as GeoKeys (<see cref="GeoKeyWriter"/>). The mask, when there is one, is the last band, an alpha (rio-tiler's colorinterp); float
/// values also get NaN where masked (GDAL_NODATA "nan"), so they stay marked without the mask band.
/// </summary>
internal static class GeoTiffWriter
{
    private const ushort Short = 3, Long = 4, Double = 12, Ascii = 2;

    public static byte[] Write(DataBands bands, TargetGrid grid, bool deflate)
    {
        var geoKeys = GeoKeyWriter.For(CrsRegistry.Default.Resolve(grid.Crs));
        var nodataNaN = bands.IsFloat && bands.MasksSomething;
        var planes = Enumerable.Range(0, bands.Count).Select(b => bands.SampleBytes(b, nodataNaN ? float.NaN : null)).ToList();
        var hasAlpha = bands.HasMask;
        var output = new MemoryStream();
        output.Write([(byte)'I', (byte)'I', 42, 0, 0, 0, 0, 0]);
        var offsets = new uint[planes.Count];
        var counts = new uint[planes.Count];
        for (var i = 0; i < planes.Count; i++)
        {
            offsets[i] = (uint)output.Position;
            WritePlane(output, planes[i], deflate);
            counts[i] = (uint)(output.Position - offsets[i]);
        }
        var n = planes.Count;
        var bits = (ushort)(8 * bands.BytesPerSample);
        var rgb = bands.Type == RasterDataType.UInt8 && n - (hasAlpha ? 1 : 0) == 3;
        var entries = new List<TiffEntry>
        {
            TiffEntry.Of(256, Long, (uint)bands.Width),
            TiffEntry.Of(257, Long, (uint)bands.Height),
            TiffEntry.Shorts(258, Enumerable.Repeat(bits, n).ToArray()),
            TiffEntry.Of(259, Short, deflate ? 8u : 1u),
            TiffEntry.Of(262, Short, rgb ? 2u : 1u),
            TiffEntry.Longs(273, offsets),
            TiffEntry.Of(277, Short, (uint)n),
            TiffEntry.Of(278, Long, (uint)bands.Height),
            TiffEntry.Longs(279, counts),
            TiffEntry.Of(284, Short, 2),
            TiffEntry.Shorts(339, Enumerable.Repeat(SampleFormat(bands.Type), n).ToArray()),
            TiffEntry.Doubles(33550, [grid.ResolutionX, grid.ResolutionY, 0]),
            TiffEntry.Doubles(33922, [0, 0, 0, grid.MinX, grid.MaxY, 0]),
            TiffEntry.Shorts(34735, geoKeys.Directory),
        };
        if (geoKeys.Doubles.Length > 0)
            entries.Add(TiffEntry.Doubles(34736, geoKeys.Doubles));
        if (geoKeys.Ascii.Length > 0)
            entries.Add(new TiffEntry(34737, Ascii, (uint)geoKeys.Ascii.Length + 1, [.. System.Text.Encoding.ASCII.GetBytes(geoKeys.Ascii), 0]));
        if (ExtraSamples(n, rgb, hasAlpha) is { Length: > 0 } extra)
            entries.Add(TiffEntry.Shorts(338, extra));
        if (nodataNaN)
            entries.Add(new TiffEntry(42113, Ascii, 4, "nan\0"u8.ToArray()));
        TiffEntry.WriteDirectory(output, entries);
        return output.ToArray();
    }

    /// <summary>Samples beyond the photometric's own (3 for RGB, 1 for grey): unspecified (0), the last alpha (2) when there is one.</summary>
    private static ushort[] ExtraSamples(int samples, bool rgb, bool hasAlpha)
    {
        var extra = new ushort[samples - (rgb ? 3 : 1)];
        if (hasAlpha && extra.Length > 0)
            extra[^1] = 2;
        return extra;
    }

    /// <summary>TIFF SampleFormat: 1 unsigned, 2 signed integer, 3 IEEE float.</summary>
    private static ushort SampleFormat(RasterDataType type) => type switch
    {
        RasterDataType.Int8 or RasterDataType.Int16 or RasterDataType.Int32 => 2,
        RasterDataType.Float32 or RasterDataType.Float64 => 3,
        _ => 1,
    };

    private static void WritePlane(MemoryStream output, byte[] plane, bool deflate)
    {
        if (!deflate)
        {
            output.Write(plane);
            return;
        }
        using var zlib = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true);
        zlib.Write(plane);
    }
}
