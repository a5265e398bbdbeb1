namespace OgcTiler.Raster.Io;

/// <summary>A span of bytes in a file: [Offset, Offset + Length).</summary>
internal readonly record struct ByteRange(long Offset, long Length)
{
    public long End => Offset + Length;
}

/// <summary>Merges byte ranges that are adjacent or close, so one request fetches several blocks.</summary>
internal static class RangeCoalescer
{
    /// <summary>Largest hole between two ranges still fetched in one request (reading it is cheaper than a round trip).</summary>
    public const long MaxGap = 64 * 1024;

    /// <summary>Largest merged request.</summary>
    public const long MaxMerged = 16 * 1024 * 1024;

    /// <summary>Merged ranges sorted by offset; every input range lies entirely inside one of them.</summary>
    public static List<ByteRange> Coalesce(IEnumerable<ByteRange> ranges, long maxGap = MaxGap)
    {
        var sorted = ranges.Where(r => r.Length > 0).OrderBy(r => r.Offset).ToList();
        var merged = new List<ByteRange>();
        foreach (var range in sorted)
        {
            if (merged.Count > 0)
            {
                var last = merged[^1];
                var end = Math.Max(last.End, range.End);
                if (range.Offset <= last.End + maxGap && end - last.Offset <= MaxMerged)
                {
                    merged[^1] = new ByteRange(last.Offset, end - last.Offset);
                    continue;
                }
            }
            merged.Add(range);
        }
        return merged;
    }
}
