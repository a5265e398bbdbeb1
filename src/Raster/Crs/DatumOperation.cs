using System.Globalization;
using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Raster.Crs;

/// <summary>
/// One operation from a geodetic datum to WGS 84, as PROJ lists it (config/crs/datum_shifts.py): its area of use,
/// accuracy and the steps PROJ's pipeline applies (prime meridian, geocentric conversion, Helmert, geographic offset,
/// NTv2 grid),
/// reproduced with PROJ's formulas so a point lands where cs2cs puts it. Input and output are longitude/latitude in
/// degrees, the input relative to the datum's prime meridian.
/// </summary>
internal sealed class DatumOperation
{
    private const double ArcSecond = Math.PI / (180 * 3600);
    private readonly Step[] _steps;

    private DatumOperation(string name, double accuracy, bool isOffshore, Bounds area, Step[] steps, bool isSupported, bool isGridMissing = false)
    {
        Name = name;
        Accuracy = accuracy;
        IsOffshore = isOffshore;
        Area = area;
        _steps = steps;
        IsSupported = isSupported;
        IsGridMissing = isGridMissing;
    }

    public string Name { get; }

    /// <summary>Metres; negative when unknown (ballpark).</summary>
    public double Accuracy { get; }

    /// <summary>The area's name says "- offshore": PROJ prefers any other operation that covers the point.</summary>
    public bool IsOffshore { get; }

    /// <summary>Longitude/latitude box of the area of use; MinX &gt; MaxX when it crosses the antimeridian.</summary>
    public Bounds Area { get; }

    /// <summary>False for operations whose steps the engine lacks (deformation models, time-dependent frames).</summary>
    public bool IsSupported { get; }

    /// <summary>A grid of the operation is not installed: PROJ leaves such an operation out of its list.</summary>
    public bool IsGridMissing { get; }

    public bool IsIdentity => _steps.Length == 0;

    /// <summary>PROJ's ballpark (an offset PROJ makes up when no listed operation applies; "Ballpark" in any step's name).</summary>
    public bool IsBallpark => Name.Contains("Ballpark", StringComparison.Ordinal);

    /// <summary>PROJ's isNullTransformation: a single ballpark or null offset step.</summary>
    public bool IsNullTransformation =>
        !Name.Contains(" + ", StringComparison.Ordinal)
        && (Name.StartsWith("Ballpark geocentric translation", StringComparison.Ordinal) || Name.StartsWith("Ballpark geographic offset", StringComparison.Ordinal)
            || Name.StartsWith("Null geographic offset", StringComparison.Ordinal) || Name.StartsWith("Null geocentric translation", StringComparison.Ordinal));

    /// <summary>The operations PROJ concatenates into this one (its name joins theirs with " + ").</summary>
    public int StepCount => Name.Split(" + ").Length;

    /// <summary>A single Helmert shift from a WKT TOWGS84 (position vector), valid everywhere.</summary>
    public static DatumOperation FromToWgs84(string name, double primeMeridian, double semiMajor, double inverseFlattening, ReadOnlySpan<double> toWgs84)
    {
        var steps = new List<Step>(4);
        if (primeMeridian != 0)
            steps.Add(new Step(StepKind.PrimeMeridian, [primeMeridian]));
        steps.Add(Cartesian(StepKind.Cartesian, semiMajor, inverseFlattening));
        steps.Add(new Step(StepKind.Helmert, Helmert(toWgs84)));
        steps.Add(Cartesian(StepKind.InverseCartesian, 6378137, 298.257223563));
        return new DatumOperation(name, -1, false, new Bounds(-180, -90, 180, 90), [.. steps], true);
    }

    /// <summary>Parses one row of datum_shifts.tsv after its code column.</summary>
    public static DatumOperation Parse(ReadOnlySpan<string> fields)
    {
        var area = fields[2].Split(',');
        var bounds = new Bounds(Number(area[0]), Number(area[1]), Number(area[2]), Number(area[3]));
        if (fields[4] == "unsupported")
            return new DatumOperation(fields[3], Number(fields[0]), fields[1] == "1", bounds, [], isSupported: false);
        var steps = fields[4].Length == 0 ? [] : fields[4].Split(';').Select(ParseStep).ToArray();
        // an operation whose grid is not installed is left out, as PROJ leaves it out
        var missing = steps.Any(s => (s.Kind is StepKind.Grid or StepKind.InverseGrid) && s.Grid is null);
        return new DatumOperation(fields[3], Number(fields[0]), fields[1] == "1", bounds, missing ? [] : steps, !missing, missing);
    }

    /// <summary>True when a step reads a grid (such an operation can fail outside the grid; PROJ then tries another).</summary>
    public bool UsesGrid => _steps.Any(s => s.Kind is StepKind.Grid or StepKind.InverseGrid);

    /// <summary>Datum to WGS 84; false (and the point unchanged) when it lies outside the operation's grid.</summary>
    public bool TryForward(ref double lon, ref double lat)
    {
        var state = new State(lon, lat);
        foreach (var step in _steps)
        {
            if (!step.Apply(ref state, inverse: false))
                return false;
        }
        (lon, lat) = (state.A, state.B);
        return true;
    }

    /// <summary>WGS 84 to the datum; false (and the point unchanged) when it lies outside the operation's grid.</summary>
    public bool TryInverse(ref double lon, ref double lat)
    {
        var state = new State(lon, lat);
        for (var i = _steps.Length - 1; i >= 0; i--)
        {
            if (!_steps[i].Apply(ref state, inverse: true))
                return false;
        }
        (lon, lat) = (state.A, state.B);
        return true;
    }

    private static Step ParseStep(string text)
    {
        var colon = text.IndexOf(':');
        var kind = text[..colon] switch
        {
            "pm" => StepKind.PrimeMeridian,
            "cart" => StepKind.Cartesian,
            "invcart" => StepKind.InverseCartesian,
            "helmert" => StepKind.Helmert,
            "invhelmert" => StepKind.InverseHelmert,
            "offset" => StepKind.Offset,
            "grid" => StepKind.Grid,
            "invgrid" => StepKind.InverseGrid,
            var other => throw new InvalidDataException($"datum_shifts.tsv: unknown step '{other}'"),
        };
        if (kind is StepKind.Grid or StepKind.InverseGrid)
            return new Step(kind, [], NtV2Grid.Find(text[(colon + 1)..]));
        var values = text[(colon + 1)..].Split(',').Select(Number).ToArray();
        return kind switch
        {
            StepKind.Cartesian or StepKind.InverseCartesian => Cartesian(kind, values[0], values[1]),
            StepKind.Helmert or StepKind.InverseHelmert => new Step(kind, Helmert(values)),
            _ => new Step(kind, values),
        };
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Ellipsoid constants: a, b, e², e'² (PROJ's cart).</summary>
    private static Step Cartesian(StepKind kind, double a, double inverseFlattening)
    {
        var f = inverseFlattening == 0 ? 0 : 1 / inverseFlattening;
        var es = f * (2 - f);
        var b = a * (1 - f);
        return new Step(kind, [a, b, es, es / (1 - es)]);
    }

    /// <summary>
    /// Translation, scale (1 + s·10⁻⁶), PROJ's linearised position-vector rotation matrix (row-major) and pivot, from
    /// x, y, z (m), rx, ry, rz (arc-seconds), s (ppm) and an optional pivot px, py, pz (m).
    /// </summary>
    private static double[] Helmert(ReadOnlySpan<double> p)
    {
        double rx = p[3] * ArcSecond, ry = p[4] * ArcSecond, rz = p[5] * ArcSecond;
        double px = p.Length > 7 ? p[7] : 0, py = p.Length > 7 ? p[8] : 0, pz = p.Length > 7 ? p[9] : 0;
        return [p[0], p[1], p[2], 1 + p[6] * 1e-6, 1, -rz, ry, rz, 1, -rx, -ry, rx, 1, px, py, pz];
    }

    private enum StepKind { PrimeMeridian, Cartesian, InverseCartesian, Helmert, InverseHelmert, Offset, Grid, InverseGrid }

    /// <summary>Geographic (A=longitude, B=latitude in degrees, C=height) or geocentric (A, B, C = X, Y, Z) coordinates.</summary>
    private struct State(double a, double b)
    {
        public double A = a, B = b, C;
    }

    private readonly record struct Step(StepKind Kind, double[] V, NtV2Grid? Grid = null)
    {
        public bool Apply(ref State s, bool inverse)
        {
            switch (Kind)
            {
                case StepKind.Grid or StepKind.InverseGrid:
                    return Grid!.Apply(ref s.A, ref s.B, (Kind == StepKind.InverseGrid) != inverse);
                case StepKind.PrimeMeridian:
                    s.A += inverse ? -V[0] : V[0];
                    break;
                case StepKind.Offset:
                    s.A += (inverse ? -V[0] : V[0]) / 3600;
                    s.B += (inverse ? -V[1] : V[1]) / 3600;
                    break;
                case StepKind.Cartesian or StepKind.InverseCartesian:
                    if ((Kind == StepKind.Cartesian) != inverse)
                        ToGeocentric(ref s);
                    else
                        ToGeodetic(ref s);
                    break;
                default:
                    if ((Kind == StepKind.Helmert) != inverse)
                        HelmertForward(ref s);
                    else
                        HelmertInverse(ref s);
                    break;
            }
            return true;
        }

        private void ToGeocentric(ref State s)
        {
            double a = V[0], es = V[2];
            var lam = s.A * (Math.PI / 180);
            var phi = s.B * (Math.PI / 180);
            var (sinPhi, cosPhi) = Math.SinCos(phi);
            var n = a / Math.Sqrt(1 - es * sinPhi * sinPhi);
            var (sinLam, cosLam) = Math.SinCos(lam);
            (s.A, s.B, s.C) = ((n + s.C) * cosPhi * cosLam, (n + s.C) * cosPhi * sinLam, (n * (1 - es) + s.C) * sinPhi);
        }

        /// <summary>PROJ's cart inverse (Bowring, 1976).</summary>
        private void ToGeodetic(ref State s)
        {
            double a = V[0], b = V[1], es = V[2], e2s = V[3];
            double x = s.A, y = s.B, z = s.C;
            var p = Math.Sqrt(x * x + y * y);
            double yTheta = z * a, xTheta = p * b;
            var norm = Math.Sqrt(yTheta * yTheta + xTheta * xTheta);
            var c = norm == 0 ? 1 : xTheta / norm;
            var sn = norm == 0 ? 0 : yTheta / norm;
            var yPhi = z + e2s * b * sn * sn * sn;
            var xPhi = p - es * a * c * c * c;
            var phi = xPhi <= 0 ? Math.CopySign(Math.PI / 2, z) : Math.Atan(yPhi / xPhi);
            var (sinPhi, cosPhi) = Math.SinCos(phi);
            var height = cosPhi < 1e-6 ? Math.Abs(z) - b : p / cosPhi - a / Math.Sqrt(1 - es * sinPhi * sinPhi);
            (s.A, s.B, s.C) = (Math.Atan2(y, x) * (180 / Math.PI), phi * (180 / Math.PI), height);
        }

        private void HelmertForward(ref State s)
        {
            double x = s.A - V[13], y = s.B - V[14], z = s.C - V[15], scale = V[3];
            s.A = scale * (V[4] * x + V[5] * y + V[6] * z) + V[0] + V[13];
            s.B = scale * (V[7] * x + V[8] * y + V[9] * z) + V[1] + V[14];
            s.C = scale * (V[10] * x + V[11] * y + V[12] * z) + V[2] + V[15];
        }

        private void HelmertInverse(ref State s)
        {
            var scale = V[3];
            double x = (s.A - V[0] - V[13]) / scale, y = (s.B - V[1] - V[14]) / scale, z = (s.C - V[2] - V[15]) / scale;
            s.A = V[4] * x + V[7] * y + V[10] * z + V[13];
            s.B = V[5] * x + V[8] * y + V[11] * z + V[14];
            s.C = V[6] * x + V[9] * y + V[12] * z + V[15];
        }
    }
}
