using System.Text;
using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Server.Rendering.Encoders;

/// <summary>
/// NumPy .npy (format 1.0) of a (bands, height, width) array, as TiTiler returns it: the data bands in their data type
/// then, unless return_mask=false, the mask (0 or 255) as the last band of the same type (numpy.concatenate's).
/// </summary>
internal static class NpyWriter
{
    public static byte[] Write(DataBands bands)
    {
        var descr = Descr(bands.Type);
        var header = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({bands.Count}, {bands.Height}, {bands.Width}), }}";
        // magic (6) + version (2) + header length (2) + header + padding to a multiple of 64, ending in '\n'
        var headerLength = (10 + header.Length + 1 + 63) / 64 * 64 - 10;
        header = header.PadRight(headerLength - 1) + "\n";
        var output = new MemoryStream(10 + headerLength + bands.Count * bands.Width * bands.Height * bands.BytesPerSample);
        output.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y']);
        output.Write([1, 0, (byte)(headerLength & 0xFF), (byte)(headerLength >> 8)]);
        output.Write(Encoding.ASCII.GetBytes(header));
        for (var b = 0; b < bands.Count; b++)
            output.Write(bands.SampleBytes(b));
        return output.ToArray();
    }

    private static string Descr(RasterDataType type) => type switch
    {
        RasterDataType.UInt8 => "|u1",
        RasterDataType.Int8 => "|i1",
        RasterDataType.UInt16 => "<u2",
        RasterDataType.Int16 => "<i2",
        RasterDataType.UInt32 => "<u4",
        RasterDataType.Int32 => "<i4",
        RasterDataType.Float32 => "<f4",
        _ => "<f8",
    };
}
