using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Raster.Crs;

/// <summary>
/// The datum change inside a transform: source datum to WGS 84, then WGS 84 to the target datum, each side with the
/// operations PROJ lists for it (or none when the datum is WGS 84 for this purpose). Works on the geographic
/// coordinates of the source and target CRSs (their prime meridian and angular unit).
/// </summary>
/// <remarks>
/// Like PROJ (proj_trans with several candidate operations, 9.1), each point takes the first operation of the list
/// whose area of use, as a box in the transform's input CRS, contains it, unless a later one has better accuracy (or
/// equal accuracy and a box strictly inside) and is not offshore; outside every area the first operation without a grid
/// applies. The list is PROJ's for the CRS's area of use, or for a raster's area of interest (<see cref="OperationChoice"/>). The first side chooses on the transform's input coordinates, as PROJ does; when both
/// sides shift (two datums other than WGS 84), the second side chooses on WGS 84 longitude/latitude, where PROJ would
/// instead look for a direct operation between the two datums.
/// </remarks>
internal sealed class DatumShift
{
    private readonly Side? _source;
    private readonly Side? _target;
    private readonly double _sourcePrimeMeridian, _targetPrimeMeridian, _sourceDegrees, _targetDegrees;

    /// <param name="source">Source datum to WGS 84, or null when none applies.</param>
    /// <param name="target">Target datum to WGS 84 (applied inversely), or null.</param>
    /// <param name="toInput">Longitude/latitude (degrees from Greenwich on the source ellipsoid) to the transform's input CRS.</param>
    public DatumShift(DatumOperation[]? source, DatumOperation[]? target, Action<Span<double>, Span<double>> toInput,
        (double PrimeMeridian, double DegreesPerUnit) sourceGeographic, (double PrimeMeridian, double DegreesPerUnit) targetGeographic)
    {
        _source = source is null ? null : new Side(source, toInput);
        _target = target is null ? null : new Side(target, _source is null ? toInput : null);
        (_sourcePrimeMeridian, _sourceDegrees) = sourceGeographic;
        (_targetPrimeMeridian, _targetDegrees) = targetGeographic;
    }

    /// <summary>Whether the first side chooses among several operations, so <see cref="Choose"/> must see the input.</summary>
    public bool ChoosesOnInput => (_source ?? _target)!.Chooses;

    /// <summary>The first side's operation for each input point (before any step of the transform runs).</summary>
    public void Choose(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, Span<int> choices)
    {
        var side = (_source ?? _target)!;
        for (var i = 0; i < xs.Length; i++)
            choices[i] = side.Choose(xs[i], ys[i]);
    }

    /// <summary>Moves geographic coordinates of the source CRS to the target CRS's; <paramref name="choices"/> is empty when the first side does not choose.</summary>
    public void Apply(Span<double> lons, Span<double> lats, ReadOnlySpan<int> choices)
    {
        for (var i = 0; i < lons.Length; i++)
        {
            double lon = lons[i] * _sourceDegrees, lat = lats[i] * _sourceDegrees;
            var first = choices.IsEmpty ? 1 : choices[i];
            var ok = true;
            if (_source is not null)
                ok = _source.Apply(first, ref lon, ref lat, inverse: false);
            else
                lon += _sourcePrimeMeridian;
            if (_target is not null)
                ok = ok && _target.Apply(_source is null ? first : _target.Choose(lon, lat), ref lon, ref lat, inverse: true);
            else
                lon -= _targetPrimeMeridian;
            lons[i] = ok ? lon / _targetDegrees : double.NaN;
            lats[i] = ok ? lat / _targetDegrees : double.NaN;
        }
    }

    /// <summary>One side's candidate operations and their boxes in the space the side chooses in.</summary>
    private sealed class Side
    {
        private const int PointsPerEdge = 21;
        private readonly Candidate[] _candidates;
        private readonly int _fallback;

        public Side(DatumOperation[] operations, Action<Span<double>, Span<double>>? toSelectionSpace)
        {
            Operations = operations;
            Chooses = operations.Length > 1;
            var candidates = new List<Candidate>();
            for (var i = 0; i < operations.Length && Chooses; i++)
            {
                var op = operations[i];
                if (!op.IsSupported)
                    continue;
                var a = op.Area;
                if (a.MinX <= a.MaxX)
                    Add(candidates, i, op, a, toSelectionSpace);
                else
                {
                    Add(candidates, i, op, a with { MaxX = 180 }, toSelectionSpace);
                    Add(candidates, i, op, a with { MinX = -180 }, toSelectionSpace);
                }
            }
            _candidates = [.. candidates];
            _fallback = Array.FindIndex(operations, o => o.IsSupported && !o.UsesGrid);
        }

        public DatumOperation[] Operations { get; }

        public bool Chooses { get; }

        /// <summary>
        /// The operations to try for a point, packed 10 bits each (index + 1, 0 ends): PROJ's best one, then, for grid
        /// operations that may not cover the point, the best of the others, twice at most (proj_trans's retries).
        /// </summary>
        public int Choose(double x, double y)
        {
            if (!Chooses)
                return 1;
            var packed = 0;
            int excluded0 = -1, excluded1 = -1;
            for (var retry = 0; retry < 3; retry++)
            {
                var best = Best(x, y, excluded0, excluded1);
                if (best < 0)
                    break;
                var op = _candidates[best].Operation;
                packed |= (op + 1) << (10 * retry);
                if (!Operations[op].UsesGrid)
                    break;
                (excluded0, excluded1) = retry == 0 ? (best, -1) : (excluded0, best);
            }
            return packed;
        }

        /// <summary>Applies the chosen operations in turn until one covers the point, else the first without a grid (PROJ's fallback).</summary>
        public bool Apply(int packed, ref double lon, ref double lat, bool inverse)
        {
            for (var k = 0; k < 3; k++)
            {
                var op = ((packed >> (10 * k)) & 1023) - 1;
                if (op < 0)
                    break;
                if (inverse ? Operations[op].TryInverse(ref lon, ref lat) : Operations[op].TryForward(ref lon, ref lat))
                    return true;
                if (!Chooses)
                    return false;
            }
            return _fallback >= 0 && (inverse ? Operations[_fallback].TryInverse(ref lon, ref lat) : Operations[_fallback].TryForward(ref lon, ref lat));
        }

        /// <summary>pj_get_suggested_operation (PROJ 9.1).</summary>
        private int Best(double x, double y, int excluded0, int excluded1)
        {
            var best = -1;
            var bestAccuracy = double.MaxValue;
            for (var i = 0; i < _candidates.Length; i++)
            {
                ref readonly var c = ref _candidates[i];
                if (i == excluded0 || i == excluded1 || !(x >= c.MinX && y >= c.MinY && x <= c.MaxX && y <= c.MaxY))
                    continue;
                if (best < 0 || (c.Accuracy >= 0 && (c.Accuracy < bestAccuracy || (c.Accuracy == bestAccuracy && c.InsideOf(_candidates[best]))) && !c.IsOffshore))
                {
                    best = i;
                    bestAccuracy = c.Accuracy;
                }
            }
            return best;
        }

        private static void Add(List<Candidate> candidates, int index, DatumOperation op, Bounds area, Action<Span<double>, Span<double>>? toSelectionSpace)
        {
            if (area is { MinX: -180, MinY: -90, MaxX: 180, MaxY: 90 })
            {
                candidates.Add(new Candidate(index, double.MinValue, double.MinValue, double.MaxValue, double.MaxValue, op.Accuracy, op.IsOffshore));
                return;
            }
            Span<double> xs = stackalloc double[PointsPerEdge * 4];
            Span<double> ys = stackalloc double[PointsPerEdge * 4];
            for (var j = 0; j < PointsPerEdge; j++)
            {
                var lon = area.MinX + j * (area.MaxX - area.MinX) / (PointsPerEdge - 1);
                var lat = area.MinY + j * (area.MaxY - area.MinY) / (PointsPerEdge - 1);
                (xs[j], ys[j]) = (lon, area.MinY);
                (xs[PointsPerEdge + j], ys[PointsPerEdge + j]) = (lon, area.MaxY);
                (xs[2 * PointsPerEdge + j], ys[2 * PointsPerEdge + j]) = (area.MinX, lat);
                (xs[3 * PointsPerEdge + j], ys[3 * PointsPerEdge + j]) = (area.MaxX, lat);
            }
            if (toSelectionSpace is not null)
                ProjectOrNaN(toSelectionSpace, xs, ys);
            double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
            for (var j = 0; j < xs.Length; j++)
            {
                if (!double.IsFinite(xs[j]) || !double.IsFinite(ys[j]))
                    continue;
                (minX, minY) = (Math.Min(minX, xs[j]), Math.Min(minY, ys[j]));
                (maxX, maxY) = (Math.Max(maxX, xs[j]), Math.Max(maxY, ys[j]));
            }
            if (minX <= maxX) // PROJ drops an operation whose area does not reach the input CRS
                candidates.Add(new Candidate(index, minX, minY, maxX, maxY, op.Accuracy, op.IsOffshore));
        }

        /// <summary>Some projections throw for a whole batch when one point is outside their domain: redo those one by one.</summary>
        private static void ProjectOrNaN(Action<Span<double>, Span<double>> project, Span<double> xs, Span<double> ys)
        {
            Span<double> x0 = stackalloc double[xs.Length];
            Span<double> y0 = stackalloc double[ys.Length];
            xs.CopyTo(x0);
            ys.CopyTo(y0);
            try
            {
                project(xs, ys);
            }
            catch (Exception e) when (e is ArgumentException or ArithmeticException or InvalidOperationException)
            {
                for (var j = 0; j < xs.Length; j++)
                {
                    Span<double> x = [x0[j]];
                    Span<double> y = [y0[j]];
                    try
                    {
                        project(x, y);
                        (xs[j], ys[j]) = (x[0], y[0]);
                    }
                    catch (Exception inner) when (inner is ArgumentException or ArithmeticException or InvalidOperationException)
                    {
                        (xs[j], ys[j]) = (double.NaN, double.NaN);
                    }
                }
            }
        }
    }

    private readonly record struct Candidate(int Operation, double MinX, double MinY, double MaxX, double MaxY, double Accuracy, bool IsOffshore)
    {
        public bool InsideOf(in Candidate other) => MinX > other.MinX && MinY > other.MinY && MaxX < other.MaxX && MaxY < other.MaxY;
    }
}
