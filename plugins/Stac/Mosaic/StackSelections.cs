using System.Buffers;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Plugins.Stac.Mosaic;

/// <summary><c>mean</c>: per band and pixel, the mean of the valid values.</summary>
internal sealed class MeanSelection(RasterData output) : PixelSelection(output)
{
    private readonly double[] _sums = new double[output.AllSamples.Length];
    private readonly int[] _counts = new int[output.PixelCount];

    public override void Feed(RasterData read)
    {
        var readMask = read.Mask;
        var readSamples = read.AllSamples;
        var n = Output.PixelCount;
        for (var p = 0; p < n; p++)
        {
            if (readMask[p] == 0)
                continue;
            _counts[p]++;
            for (var offset = p; offset < _sums.Length; offset += n)
                _sums[offset] += readSamples[offset];
        }
    }

    public override void Finish()
    {
        var mask = Output.Mask;
        var samples = Output.AllSamples;
        var n = Output.PixelCount;
        for (var p = 0; p < n; p++)
        {
            if (_counts[p] == 0)
                continue;
            mask[p] = 255;
            for (var offset = p; offset < samples.Length; offset += n)
                samples[offset] = (float)(_sums[offset] / _counts[p]);
        }
    }
}

/// <summary>
/// <c>median</c>: per band and pixel, the median of the valid values (mean of the middle two for an even count).
/// It keeps every read until the end, so the reads of one request may hold at most <paramref name="maxBytes"/>.
/// </summary>
internal sealed class MedianSelection(RasterData output, long maxBytes = MedianSelection.MaxBytes) : PixelSelection(output)
{
    public const long MaxBytes = 256L << 20;
    private readonly List<(float[] Samples, byte[] Mask)> _reads = [];
    private long _bytes;

    public override void Feed(RasterData read)
    {
        _bytes += read.AllSamples.Length * sizeof(float) + read.PixelCount;
        if (_bytes > maxBytes)
        {
            var held = _reads.Count;
            Release();
            throw new InvalidParameterException("pixel_selection",
                $"median over more than {held} items of {read.Width}x{read.Height}x{read.BandCount} would hold over {maxBytes >> 20} MiB; "
                + "narrow the search (bbox, datetime, max_items) or read a smaller grid");
        }
        var samples = ArrayPool<float>.Shared.Rent(read.AllSamples.Length);
        var mask = ArrayPool<byte>.Shared.Rent(read.PixelCount);
        read.AllSamples.CopyTo(samples);
        read.Mask.CopyTo(mask);
        _reads.Add((samples, mask));
    }

    public override void Finish()
    {
        var mask = Output.Mask;
        var samples = Output.AllSamples;
        var n = Output.PixelCount;
        var values = _reads.Count <= 256 ? stackalloc float[_reads.Count] : new float[_reads.Count];
        for (var p = 0; p < n; p++)
        {
            for (var offset = p; offset < samples.Length; offset += n)
            {
                var count = 0;
                foreach (var read in _reads)
                {
                    if (read.Mask[p] != 0)
                        values[count++] = read.Samples[offset];
                }
                if (count == 0)
                    break;
                var valid = values[..count];
                valid.Sort();
                samples[offset] = count % 2 == 1 ? valid[count / 2] : (valid[count / 2 - 1] + valid[count / 2]) / 2;
                mask[p] = 255;
            }
        }
        Release();
    }

    private void Release()
    {
        foreach (var (readSamples, readMask) in _reads)
        {
            ArrayPool<float>.Shared.Return(readSamples);
            ArrayPool<byte>.Shared.Return(readMask);
        }
        _reads.Clear();
    }
}

/// <summary><c>count</c>: in every band, the number of reads with data at the pixel; every pixel is valid (0 is a count).</summary>
internal sealed class CountSelection(RasterData output) : PixelSelection(output)
{
    private readonly int[] _counts = new int[output.PixelCount];

    public override void Feed(RasterData read)
    {
        var readMask = read.Mask;
        for (var p = 0; p < _counts.Length; p++)
        {
            if (readMask[p] != 0)
                _counts[p]++;
        }
    }

    public override void Finish()
    {
        var samples = Output.AllSamples;
        var n = Output.PixelCount;
        for (var offset = 0; offset < samples.Length; offset++)
            samples[offset] = _counts[offset % n];
        Output.Mask.Fill(255);
    }
}
