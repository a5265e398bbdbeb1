using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text;

namespace OgcTiler.Raster.Crs;

/// <summary>
/// A horizontal shift grid in NTv2 form (.gsb, as Debian's proj-data installs them in /usr/share/proj), read whole on
/// first use and applied with PROJ's hgridshift rules: the finest subgrid holding the point, bilinear interpolation
/// of the latitude/longitude shifts, and the inverse by PROJ's fixed-point iteration.
/// </summary>
internal sealed class NtV2Grid
{
    private const double SecondsToRadians = Math.PI / 180 / 3600;
    private const double RelativeTolerance = 1e-5;
    private const int MaxIterations = 10;
    private const double IterationTolerance = 1e-12;

    private static readonly ConcurrentDictionary<string, NtV2Grid?> Loaded = new();

    private readonly Subgrid[] _roots;

    private NtV2Grid(Subgrid[] roots) => _roots = roots;

    /// <summary>
    /// The grid file of that name in PROJ's data directory (PROJ_DATA, PROJ_LIB, else /usr/share/proj), or null when it
    /// is not installed: PROJ then leaves out the operations that need it, and so does the caller.
    /// </summary>
    public static NtV2Grid? Find(string name) => Loaded.GetOrAdd(name, Load);

    /// <summary>Shifts a longitude/latitude (degrees) forward, or inversely; false when the point is outside the grid.</summary>
    public bool Apply(ref double lon, ref double lat, bool inverse)
    {
        var lam = lon * (Math.PI / 180);
        var phi = lat * (Math.PI / 180);
        var grid = GridAt(lam, phi);
        if (grid is null)
            return false;
        var (tbLam, tbPhi) = grid.Offset(lam, phi);
        if (!grid.Interpolate(tbLam, tbPhi, out var dLam, out var dPhi))
            return false;
        if (!inverse)
        {
            lon = (lam + dLam) * (180 / Math.PI);
            lat = (phi + dPhi) * (180 / Math.PI);
            return true;
        }
        var (tLam, tPhi) = (tbLam - dLam, tbPhi - dPhi);
        double difLam, difPhi;
        var left = MaxIterations;
        do
        {
            if (!grid.Interpolate(tLam, tPhi, out dLam, out dPhi))
            {
                var next = GridAt(tLam + grid.West, tPhi + grid.South);
                if (next is null || next == grid)
                    break;
                (tLam, tPhi) = (tLam + grid.West - next.West, tPhi + grid.South - next.South);
                grid = next;
                (tbLam, tbPhi) = grid.Offset(lam, phi);
                (difLam, difPhi) = (double.MaxValue, double.MaxValue);
                continue;
            }
            difLam = tLam + dLam - tbLam;
            difPhi = tPhi + dPhi - tbPhi;
            tLam -= difLam;
            tPhi -= difPhi;
        }
        while (--left > 0 && difLam * difLam + difPhi * difPhi > IterationTolerance * IterationTolerance);
        if (left == 0)
            return false;
        lon = Math.IEEERemainder(tLam + grid.West, 2 * Math.PI) * (180 / Math.PI);
        lat = (tPhi + grid.South) * (180 / Math.PI);
        return true;
    }

    private Subgrid? GridAt(double lam, double phi)
    {
        foreach (var root in _roots)
        {
            if (root.Holds(lam, phi))
                return root.FinestAt(lam, phi);
        }
        return null;
    }

    private static NtV2Grid? Load(string name)
    {
        var directory = Environment.GetEnvironmentVariable("PROJ_DATA") ?? Environment.GetEnvironmentVariable("PROJ_LIB") ?? "/usr/share/proj";
        var path = Path.Combine(directory, name);
        return File.Exists(path) ? Parse(File.ReadAllBytes(path), name) : null;
    }

    internal static NtV2Grid Parse(ReadOnlySpan<byte> file, string name)
    {
        const int Record = 16;
        if (file.Length < 11 * Record || Encoding.ASCII.GetString(file.Slice(56, 7)) != "SECONDS")
            throw new InvalidDataException($"{name}: not an NTv2 grid in seconds");
        var little = file[8] == 11;
        int Int(ReadOnlySpan<byte> b) => little ? BinaryPrimitives.ReadInt32LittleEndian(b) : BinaryPrimitives.ReadInt32BigEndian(b);
        double Double(ReadOnlySpan<byte> b) => little ? BinaryPrimitives.ReadDoubleLittleEndian(b) : BinaryPrimitives.ReadDoubleBigEndian(b);
        float Float(ReadOnlySpan<byte> b) => little ? BinaryPrimitives.ReadSingleLittleEndian(b) : BinaryPrimitives.ReadSingleBigEndian(b);
        var count = Int(file.Slice(40, 4));
        var byName = new Dictionary<string, Subgrid>();
        var roots = new List<Subgrid>();
        var offset = 11 * Record;
        Span<double> v = stackalloc double[6];
        for (var s = 0; s < count; s++)
        {
            var header = file.Slice(offset, 11 * Record);
            if (Encoding.ASCII.GetString(header[..8]) != "SUB_NAME")
                throw new InvalidDataException($"{name}: subgrid {s} has no SUB_NAME record");
            var subName = Encoding.ASCII.GetString(header.Slice(8, 8));
            var parent = Encoding.ASCII.GetString(header.Slice(24, 8));
            // S_LAT, N_LAT, E_LONG, W_LONG (positive west), LAT_INC, LONG_INC
            for (var k = 0; k < 6; k++)
                v[k] = Double(header.Slice((4 + k) * Record + 8, 8)) * SecondsToRadians;
            double south = v[0], north = v[1], east = -v[2], west = -v[3], resY = v[4], resX = v[5];
            var columns = (int)(Math.Abs((east - west) / resX + 0.5) + 1);
            var rows = (int)(Math.Abs((north - south) / resY + 0.5) + 1);
            var cells = Int(header.Slice(10 * Record + 8, 4));
            if (cells != columns * rows || offset + 11 * Record + cells * Record > file.Length)
                throw new InvalidDataException($"{name}: subgrid {subName.Trim()} holds {cells} cells, not {columns}x{rows}");
            var data = file.Slice(offset + 11 * Record, cells * Record);
            // stored from east to west: column c of a row is the (columns - 1 - c)th record
            var shifts = new float[cells * 2];
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < columns; c++)
                {
                    var at = data.Slice((r * columns + (columns - 1 - c)) * Record, 8);
                    shifts[2 * (r * columns + c)] = (float)(Float(at[..4]) * SecondsToRadians);
                    shifts[2 * (r * columns + c) + 1] = (float)(-Float(at.Slice(4, 4)) * SecondsToRadians);
                }
            }
            var grid = new Subgrid(west, south, east, north, resX, resY, columns, rows, shifts);
            if (byName.TryGetValue(parent, out var parentGrid))
                parentGrid.Children.Add(grid);
            else
                roots.Add(grid);
            byName[subName] = grid;
            offset += 11 * Record + cells * Record;
        }
        return new NtV2Grid([.. roots]);
    }

    /// <summary>One subgrid, in radians; shifts as (latitude, longitude east) pairs, row-major from the south-west.</summary>
    private sealed class Subgrid(double west, double south, double east, double north, double resX, double resY, int columns, int rows, float[] shifts)
    {
        public double West => west;

        public double South => south;

        public List<Subgrid> Children { get; } = [];

        public bool Holds(double lam, double phi)
        {
            var eps = (resX + resY) * RelativeTolerance;
            if (!(phi + eps >= south && phi - eps <= north))
                return false;
            if (lam + eps < west)
                lam += 2 * Math.PI;
            else if (lam - eps > east)
                lam -= 2 * Math.PI;
            return lam + eps >= west && lam - eps <= east;
        }

        public Subgrid FinestAt(double lam, double phi)
        {
            foreach (var child in Children)
            {
                if (child.Holds(lam, phi))
                    return child.FinestAt(lam, phi);
            }
            return this;
        }

        /// <summary>The point relative to the south-west corner, longitude brought within a turn of it.</summary>
        public (double Lam, double Phi) Offset(double lam, double phi)
        {
            var eps = (resX + resY) * RelativeTolerance;
            var t = lam - west;
            if (t + eps < 0)
                t += 2 * Math.PI;
            else if (t - eps > east - west)
                t -= 2 * Math.PI;
            return (t, phi - south);
        }

        /// <summary>PROJ's bilinear interpolation (pj_hgrid_interpolate), with its tolerance at the last row and column.</summary>
        public bool Interpolate(double tLam, double tPhi, out double dLam, out double dPhi)
        {
            (dLam, dPhi) = (double.NaN, double.NaN);
            tLam /= resX;
            tPhi /= resY;
            var x = double.IsNaN(tLam) ? 0 : (int)Math.Floor(tLam);
            var y = double.IsNaN(tPhi) ? 0 : (int)Math.Floor(tPhi);
            double fx = tLam - x, fy = tPhi - y;
            if (!Clamp(ref x, ref fx, columns) || !Clamp(ref y, ref fy, rows))
                return false;
            double m10 = fx, m11 = fx, m01 = 1 - fx, m00 = 1 - fx;
            m11 *= fy;
            m01 *= fy;
            m00 *= 1 - fy;
            m10 *= 1 - fy;
            int i00 = 2 * (y * columns + x), i10 = i00 + 2, i01 = i00 + 2 * columns, i11 = i01 + 2;
            dPhi = m00 * shifts[i00] + m10 * shifts[i10] + m01 * shifts[i01] + m11 * shifts[i11];
            dLam = m00 * shifts[i00 + 1] + m10 * shifts[i10 + 1] + m01 * shifts[i01 + 1] + m11 * shifts[i11 + 1];
            return true;
        }

        private static bool Clamp(ref int index, ref double fraction, int size)
        {
            if (index < 0)
            {
                if (index != -1 || fraction <= 1 - 10 * RelativeTolerance)
                    return false;
                (index, fraction) = (0, 0);
            }
            else if (index + 1 >= size)
            {
                if (index + 1 != size || fraction >= 10 * RelativeTolerance)
                    return false;
                (index, fraction) = (index - 1, 1);
            }
            return true;
        }
    }
}
