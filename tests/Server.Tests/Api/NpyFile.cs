using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;

namespace OgcTiler.Server.Tests.Api;

/// <summary>Reads a NumPy .npy (version 1/2, little-endian, C order) into float values and its shape, for tests.</summary>
internal sealed partial record NpyFile(string Descr, int[] Shape, float[] Values)
{
    public static NpyFile Parse(byte[] bytes)
    {
        if (bytes.Length < 10 || bytes[0] != 0x93 || Encoding.ASCII.GetString(bytes, 1, 5) != "NUMPY")
            throw new FormatException("not an .npy file");
        var major = bytes[6];
        var (headerLength, start) = major == 1
            ? (BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)), 10)
            : ((int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)), 12);
        var header = Encoding.ASCII.GetString(bytes, start, headerLength);
        var descr = DescrPattern().Match(header).Groups[1].Value;
        if (FortranOrder().Match(header).Groups[1].Value != "False")
            throw new FormatException("fortran order is not supported");
        var shape = ShapePattern().Match(header).Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
        var data = bytes.AsSpan(start + headerLength);
        var count = shape.Aggregate(1, (a, b) => a * b);
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = descr switch
            {
                "|u1" or "<u1" => data[i],
                "|i1" => (sbyte)data[i],
                "<u2" => BinaryPrimitives.ReadUInt16LittleEndian(data[(2 * i)..]),
                "<i2" => BinaryPrimitives.ReadInt16LittleEndian(data[(2 * i)..]),
                "<u4" => BinaryPrimitives.ReadUInt32LittleEndian(data[(4 * i)..]),
                "<i4" => BinaryPrimitives.ReadInt32LittleEndian(data[(4 * i)..]),
                "<f4" => BinaryPrimitives.ReadSingleLittleEndian(data[(4 * i)..]),
                "<f8" => (float)BinaryPrimitives.ReadDoubleLittleEndian(data[(8 * i)..]),
                _ => throw new FormatException($"dtype {descr} is not supported"),
            };
        }
        return new NpyFile(descr, shape, values);
    }

    [GeneratedRegex(@"'descr':\s*'([^']+)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order':\s*(True|False)")]
    private static partial Regex FortranOrder();

    [GeneratedRegex(@"'shape':\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
