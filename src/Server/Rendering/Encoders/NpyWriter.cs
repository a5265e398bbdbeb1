using System.Runtime.InteropServices;
using System.Text;

namespace OgcTiler.Server.Rendering.Encoders;

/// <summary>
/// NumPy .npy (format 1.0) of a (bands, height, width) array, as TiTiler returns it: the data bands then the mask
/// (0 or 255) as the last band, little-endian uint8 or float32.
/// </summary>
internal static class NpyWriter
{
    public static byte[] Write(DataBands bands)
    {
        var descr = bands.IsByte ? "|u1" : "<f4";
        var header = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({bands.Count}, {bands.Height}, {bands.Width}), }}";
        // magic (6) + version (2) + header length (2) + header + padding to a multiple of 64, ending in '\n'
        var headerLength = (10 + header.Length + 1 + 63) / 64 * 64 - 10;
        header = header.PadRight(headerLength - 1) + "\n";
        var output = new MemoryStream(10 + headerLength + bands.Count * bands.Width * bands.Height * (bands.IsByte ? 1 : 4));
        output.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y']);
        output.Write([1, 0, (byte)(headerLength & 0xFF), (byte)(headerLength >> 8)]);
        output.Write(Encoding.ASCII.GetBytes(header));
        for (var b = 0; b < bands.Count; b++)
            output.Write(bands.IsByte ? bands.Bytes(b) : MemoryMarshal.AsBytes(bands.Floats(b)));
        return output.ToArray();
    }
}
