using System.Numerics;

namespace OgcTiler.Server.Rendering.Encoders;

/// <summary>PNG scanline filters (PNG spec §9): each writes the filter type byte then the filtered row.</summary>
internal static class PngFilters
{
    /// <summary>Filters <paramref name="row"/> (with <paramref name="previous"/> empty for the first row) into <paramref name="output"/> (row length + 1).</summary>
    public static void Apply(PngFilter filter, ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp, Span<byte> output)
    {
        if (filter == PngFilter.Adaptive)
        {
            ApplyAdaptive(row, previous, bpp, output);
            return;
        }
        output[0] = (byte)filter;
        var dst = output[1..];
        switch (filter)
        {
            case PngFilter.None: row.CopyTo(dst); break;
            case PngFilter.Sub: Sub(row, bpp, dst); break;
            case PngFilter.Up: Up(row, previous, dst); break;
            case PngFilter.Average: Average(row, previous, bpp, dst); break;
            case PngFilter.Paeth: Paeth(row, previous, bpp, dst); break;
        }
    }

    /// <summary>libpng's heuristic: the filter whose output has the smallest sum of absolute (signed) values.</summary>
    private static void ApplyAdaptive(ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp, Span<byte> output)
    {
        var candidate = output.Length <= 4096 ? stackalloc byte[output.Length] : new byte[output.Length];
        var best = long.MaxValue;
        for (var f = PngFilter.None; f <= PngFilter.Paeth; f++)
        {
            Apply(f, row, previous, bpp, candidate);
            long sum = 0;
            foreach (var b in candidate[1..])
                sum += b < 128 ? b : 256 - b;
            if (sum < best)
            {
                best = sum;
                candidate.CopyTo(output);
            }
        }
    }

    private static void Sub(ReadOnlySpan<byte> row, int bpp, Span<byte> dst)
    {
        row[..bpp].CopyTo(dst);
        Subtract(row[bpp..], row[..^bpp], dst[bpp..]);
    }

    private static void Up(ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, Span<byte> dst)
    {
        if (previous.IsEmpty)
            row.CopyTo(dst);
        else
            Subtract(row, previous, dst);
    }

    private static void Average(ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp, Span<byte> dst)
    {
        for (var i = 0; i < row.Length; i++)
        {
            var left = i >= bpp ? row[i - bpp] : 0;
            var up = previous.IsEmpty ? 0 : previous[i];
            dst[i] = (byte)(row[i] - ((left + up) >> 1));
        }
    }

    private static void Paeth(ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp, Span<byte> dst)
    {
        if (previous.IsEmpty)
        {
            Sub(row, bpp, dst);
            return;
        }
        for (var i = 0; i < bpp; i++)
            dst[i] = (byte)(row[i] - previous[i]);
        for (var i = bpp; i < row.Length; i++)
            dst[i] = (byte)(row[i] - Predict(row[i - bpp], previous[i], previous[i - bpp]));
    }

    private static int Predict(int a, int b, int c)
    {
        var pa = Math.Abs(b - c);
        var pb = Math.Abs(a - c);
        var pc = Math.Abs(a + b - 2 * c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    /// <summary>dst = a - b, bytewise modulo 256.</summary>
    private static void Subtract(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> dst)
    {
        var i = 0;
        var width = Vector<byte>.Count;
        for (; i + width <= a.Length; i += width)
            (new Vector<byte>(a[i..]) - new Vector<byte>(b[i..])).CopyTo(dst[i..]);
        for (; i < a.Length; i++)
            dst[i] = (byte)(a[i] - b[i]);
    }
}
