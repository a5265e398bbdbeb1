using System.Numerics;
using System.Runtime.InteropServices;

namespace OgcTiler.Raster.Codecs;

/// <summary>Undoes TIFF predictors in place, row by row. Data must already be in native byte order for predictor 2.</summary>
internal static class Predictors
{
    /// <summary>
    /// Predictor 2 (horizontal differencing) on <paramref name="rows"/> rows of <paramref name="rowSamples"/> samples
    /// of <paramref name="bytesPerSample"/> bytes; <paramref name="samples"/> interleaved samples per pixel.
    /// </summary>
    public static void UndoHorizontal(Span<byte> data, int rows, int rowSamples, int samples, int bytesPerSample)
    {
        if (samples == 1 && bytesPerSample <= 2 && PrefixSum.IsAccelerated)
        {
            UndoHorizontalVectorized(data, rows, rowSamples, bytesPerSample);
            return;
        }
        switch (bytesPerSample)
        {
            case 1: UndoHorizontal(data, rows, rowSamples, samples); break;
            case 2: UndoHorizontal(MemoryMarshal.Cast<byte, ushort>(data), rows, rowSamples, samples); break;
            case 4: UndoHorizontal(MemoryMarshal.Cast<byte, uint>(data), rows, rowSamples, samples); break;
            case 8: UndoHorizontal(MemoryMarshal.Cast<byte, ulong>(data), rows, rowSamples, samples); break;
            default: throw new InvalidDataException($"predictor 2 with {bytesPerSample * 8}-bit samples");
        }
    }

    private static void UndoHorizontalVectorized(Span<byte> data, int rows, int rowSamples, int bytesPerSample)
    {
        var rowBytes = rowSamples * bytesPerSample;
        rows = Math.Min(rows, data.Length / rowBytes);
        for (var r = 0; r < rows; r++)
        {
            var row = data.Slice(r * rowBytes, rowBytes);
            if (bytesPerSample == 1)
                PrefixSum.InPlace(row);
            else
                PrefixSum.InPlace(MemoryMarshal.Cast<byte, ushort>(row));
        }
    }

    private static void UndoHorizontal<T>(Span<T> data, int rows, int rowSamples, int samples) where T : unmanaged, IBinaryInteger<T>
    {
        rows = Math.Min(rows, data.Length / rowSamples);
        for (var r = 0; r < rows; r++)
        {
            var row = data.Slice(r * rowSamples, rowSamples);
            if (samples == 1)
            {
                var sum = row[0];
                for (var i = 1; i < row.Length; i++)
                    row[i] = sum += row[i];
                continue;
            }
            for (var i = samples; i < row.Length; i++)
                row[i] += row[i - samples];
        }
    }

    /// <summary>
    /// Predictor 3 (floating point): bytes were differenced across the row after being split into planes, most
    /// significant byte first. Produces native (little-endian) floats.
    /// </summary>
    public static void UndoFloatingPoint(Span<byte> data, int rows, int rowSamples, int samples, int bytesPerSample)
    {
        var rowBytes = rowSamples * bytesPerSample;
        rows = Math.Min(rows, data.Length / rowBytes);
        var planes = new byte[rowBytes];
        for (var r = 0; r < rows; r++)
        {
            var row = data.Slice(r * rowBytes, rowBytes);
            for (var i = samples; i < row.Length; i++)
                row[i] += row[i - samples];
            row.CopyTo(planes);
            for (var b = 0; b < bytesPerSample; b++)
            {
                var plane = planes.AsSpan((bytesPerSample - b - 1) * rowSamples, rowSamples);
                for (var i = 0; i < rowSamples; i++)
                    row[i * bytesPerSample + b] = plane[i];
            }
        }
    }
}
