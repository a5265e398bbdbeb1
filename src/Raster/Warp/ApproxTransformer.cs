using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Geometry;

namespace OgcTiler.Raster.Warp;

/// <summary>
/// Maps the centre of every target pixel to source pixel coordinates the way GDAL's approximate transformer does:
/// per row, the two ends and the middle are transformed exactly; when linear interpolation misses the middle by more
/// than <see cref="MaxError"/> source pixels the segment is halved, and so on. Exact transforms are batched across all
/// rows, so a 256×256 tile costs a few hundred projected points. Points that cannot be transformed become NaN.
/// </summary>
internal sealed class ApproxTransformer
{
    public const double MaxError = 0.125;

    /// <summary>Segments of at most this many points are transformed point by point, as GDAL does.</summary>
    private const int ExactSegmentLength = 5;

    public const double PixelCentre = 0.5;

    /// <summary>GDAL's nudge before truncating a source coordinate to a pixel index.</summary>
    private const double EdgeEpsilon = 1e-10;

    /// <summary>
    /// This thread's work lists, reused from tile to tile (a tile's lists hold about 20 KB). Safe because a transform
    /// runs to its end on one thread without awaiting.
    /// </summary>
    [ThreadStatic]
    private static WorkLists? s_work;

    private readonly CoordinateTransform _targetToSource;
    private readonly GeoTransform _target;
    private readonly PixelLocator _source;

    public ApproxTransformer(CoordinateTransform targetToSource, GeoTransform target, PixelLocator source)
    {
        _targetToSource = targetToSource;
        _target = target;
        _source = source;
    }

    /// <summary>
    /// Fills the pixels of <paramref name="region"/> in <paramref name="xs"/>/<paramref name="ys"/> (row-major, rows of
    /// <paramref name="stride"/> pixels) with source pixel coordinates; each row of the region is one GDAL scanline.
    /// </summary>
    public void Transform(TargetRegion region, int stride, Span<double> xs, Span<double> ys) =>
        Transform(region, stride, xs, ys, PixelCentre);

    /// <summary>
    /// Like <see cref="Transform(TargetRegion, int, Span{double}, Span{double})"/> for a point at
    /// (<paramref name="offset"/>, <paramref name="offset"/>) in each target pixel: 0.5 its centre, 0 its top-left
    /// corner, 1 its bottom-right corner (GDAL's average kernel maps both corners).
    /// </summary>
    public void Transform(TargetRegion region, int stride, Span<double> xs, Span<double> ys, double offset)
    {
        var width = region.Width;
        var work = s_work ??= new WorkLists();
        var (segments, next, exact) = (work.Segments, work.Next, work.Exact);
        segments.Clear();
        exact.Clear();
        if (width <= ExactSegmentLength)
        {
            for (var row = region.Y; row < region.Y + region.Height; row++)
                QueueInterior(row, region.X - 1, region.X + width, -1, exact);
            TransformPoints(exact, stride, xs, ys, offset);
            return;
        }
        for (var row = region.Y; row < region.Y + region.Height; row++)
        {
            var segment = new Segment(row, region.X, region.X + width - 1);
            exact.Add((row, segment.Start));
            exact.Add((row, segment.Middle));
            exact.Add((row, segment.End));
            segments.Add(segment);
        }
        TransformPoints(exact, stride, xs, ys, offset);
        while (segments.Count > 0)
        {
            next.Clear();
            exact.Clear();
            foreach (var segment in segments)
                Resolve(segment, stride, xs, ys, next, exact);
            TransformPoints(exact, stride, xs, ys, offset);
            (segments, next) = (next, segments);
        }
    }

    /// <summary>
    /// GDAL's second try (GWKCheckAndComputeSrcOffsets): a point the approximation puts less than one pixel outside
    /// <paramref name="window"/> is transformed exactly, so pixels along the data's edges are kept or dropped by
    /// their exact position. Points inside stay approximate, as in GDAL. One batch per region.
    /// </summary>
    public void RetransformNearEdges(TargetRegion region, int stride, SourceWindow window, Span<double> xs, Span<double> ys)
    {
        var edges = new NearEdges(window);
        var step = Vector256<double>.Count;
        List<(int, int)>? retry = null;
        for (var row = region.Y; row < region.Y + region.Height; row++)
        {
            var first = row * stride + region.X;
            var col = 0;
            if (WarpVectors.Enabled)
            {
                ref var x = ref MemoryMarshal.GetReference(xs.Slice(first, region.Width));
                ref var y = ref MemoryMarshal.GetReference(ys.Slice(first, region.Width));
                for (; col <= region.Width - step; col += step)
                {
                    var near = edges.Near(Vector256.LoadUnsafe(ref x, (nuint)col), Vector256.LoadUnsafe(ref y, (nuint)col));
                    var lanes = near.ExtractMostSignificantBits();
                    for (; lanes != 0; lanes &= lanes - 1)
                        (retry ??= []).Add((row, region.X + col + BitOperations.TrailingZeroCount(lanes)));
                }
            }
            for (; col < region.Width; col++)
            {
                if (edges.Near(xs[first + col], ys[first + col]))
                    (retry ??= []).Add((row, region.X + col));
            }
        }
        if (retry is not null)
            TransformPoints(retry, stride, xs, ys, PixelCentre);
    }

    /// <summary>
    /// Decides one segment whose ends and middle are known: interpolate it linearly from its ends, or split it into
    /// [start, middle-1] and [middle, end] (GDAL's split), queuing what the halves need: their ends and middles, or
    /// every point when a half has at most <see cref="ExactSegmentLength"/> points. A segment with an untransformable
    /// known point is transformed point by point.
    /// </summary>
    private static void Resolve(Segment s, int width, Span<double> xs, Span<double> ys, List<Segment> next, List<(int, int)> exact)
    {
        var row = s.Row * width;
        int a = row + s.Start, b = row + s.End, m = row + s.Middle;
        if (!double.IsFinite(xs[a]) || !double.IsFinite(xs[b]) || !double.IsFinite(xs[m]))
        {
            QueueInterior(s.Row, s.Start, s.End, s.Middle, exact);
            return;
        }
        var length = (double)(s.End - s.Start);
        var dx = (xs[b] - xs[a]) / length;
        var dy = (ys[b] - ys[a]) / length;
        var t = s.Middle - s.Start;
        var error = Math.Abs(xs[a] + dx * t - xs[m]) + Math.Abs(ys[a] + dy * t - ys[m]);
        if (error <= MaxError)
        {
            Interpolate(xs.Slice(a, s.Length), dx);
            Interpolate(ys.Slice(a, s.Length), dy);
            return;
        }
        var left = new Segment(s.Row, s.Start, s.Middle - 1);
        var right = new Segment(s.Row, s.Middle, s.End);
        if (left.Length <= ExactSegmentLength)
        {
            QueueInterior(s.Row, left.Start, left.End + 1, -1, exact);
        }
        else
        {
            next.Add(left);
            exact.Add((s.Row, left.Middle));
            exact.Add((s.Row, left.End));
        }
        if (right.Length <= ExactSegmentLength)
        {
            QueueInterior(s.Row, right.Start, right.End, -1, exact);
        }
        else
        {
            next.Add(right);
            exact.Add((s.Row, right.Middle));
        }
    }

    /// <summary>Sets the points between the first and the last to the first plus <paramref name="step"/> times their distance from it.</summary>
    private static void Interpolate(Span<double> points, double step)
    {
        var origin = points[0];
        var k = 1;
        if (WarpVectors.Enabled)
        {
            var (start, steps, four) = (Vector256.Create(origin), Vector256.Create(step), Vector256.Create(4.0));
            var distances = Vector256.Create(1.0, 2, 3, 4);
            ref var first = ref MemoryMarshal.GetReference(points);
            for (; k <= points.Length - 1 - Vector256<double>.Count; k += Vector256<double>.Count)
            {
                (start + steps * distances).StoreUnsafe(ref first, (nuint)k);
                distances += four;
            }
        }
        for (; k < points.Length - 1; k++)
            points[k] = origin + step * k;
    }

    /// <summary>Queues the points strictly between <paramref name="start"/> and <paramref name="end"/>, except a known one.</summary>
    private static void QueueInterior(int row, int start, int end, int known, List<(int, int)> exact)
    {
        for (var col = start + 1; col < end; col++)
        {
            if (col != known)
                exact.Add((row, col));
        }
    }

    /// <summary>Target pixel centres → target CRS → source CRS → source pixels, in one batch.</summary>
    private void TransformPoints(List<(int Row, int Col)> points, int width, Span<double> xs, Span<double> ys, double offset)
    {
        if (points.Count == 0)
            return;
        var bx = ArrayPool<double>.Shared.Rent(points.Count);
        var by = ArrayPool<double>.Shared.Rent(points.Count);
        try
        {
            var px = bx.AsSpan(0, points.Count);
            var py = by.AsSpan(0, points.Count);
            for (var i = 0; i < points.Count; i++)
                (px[i], py[i]) = _target.PixelToWorld(points[i].Col + offset, points[i].Row + offset);
            SafeTransform.Apply(_targetToSource, px, py);
            for (var i = 0; i < points.Count; i++)
            {
                var (x, y) = (px[i], py[i]);
                var index = points[i].Row * width + points[i].Col;
                if (double.IsFinite(x) && double.IsFinite(y))
                {
                    (xs[index], ys[index]) = _source.Locate(x, y);
                }
                else
                {
                    xs[index] = double.NaN;
                    ys[index] = double.NaN;
                }
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(bx);
            ArrayPool<double>.Shared.Return(by);
        }
    }

    /// <summary>
    /// Whether a point lies less than one pixel outside a window: before its left or top edge, or at or past its right
    /// or bottom edge by the truncation nudge. NaN is never near.
    /// </summary>
    private readonly struct NearEdges(SourceWindow window)
    {
        private readonly double _left = window.X, _top = window.Y, _right = window.Right, _bottom = window.Bottom;

        public bool Near(double x, double y)
        {
            var before = x < _left || y < _top;
            var after = x + EdgeEpsilon > _right || y + EdgeEpsilon > _bottom;
            return before ? x > _left - 1 && y > _top - 1 : after && x < _right + 1 && y < _bottom + 1;
        }

        /// <summary><see cref="Near(double, double)"/> lane by lane: all ones where near.</summary>
        public Vector256<double> Near(Vector256<double> x, Vector256<double> y)
        {
            var (left, top) = (Vector256.Create(_left), Vector256.Create(_top));
            var (right, bottom) = (Vector256.Create(_right), Vector256.Create(_bottom));
            var (one, epsilon) = (Vector256<double>.One, Vector256.Create(EdgeEpsilon));
            var before = Vector256.LessThan(x, left) | Vector256.LessThan(y, top);
            var after = Vector256.GreaterThan(x + epsilon, right) | Vector256.GreaterThan(y + epsilon, bottom);
            var nearBefore = Vector256.GreaterThan(x, left - one) & Vector256.GreaterThan(y, top - one);
            var nearAfter = after & Vector256.LessThan(x, right + one) & Vector256.LessThan(y, bottom + one);
            return Vector256.ConditionalSelect(before, nearBefore, nearAfter);
        }
    }

    /// <summary>Points Start..End (inclusive) of one row; its middle is GDAL's (n-1)/2.</summary>
    private sealed class WorkLists
    {
        public List<Segment> Segments { get; } = [];

        public List<Segment> Next { get; } = [];

        public List<(int Row, int Col)> Exact { get; } = [];
    }

    private readonly record struct Segment(int Row, int Start, int End)
    {
        public int Length => End - Start + 1;

        public int Middle => Start + (Length - 1) / 2;
    }
}
