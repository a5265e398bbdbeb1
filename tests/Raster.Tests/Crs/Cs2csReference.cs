using System.Globalization;
using OgcTiler.TestSupport;

namespace OgcTiler.Raster.Tests.Crs;

/// <summary>Reference points made by tests/data/crs/make_reference.py with cs2cs (x=east, y=north order throughout).</summary>
internal static class Cs2csReference
{
    /// <summary>A point: <see cref="Source"/> EPSG code (4326 for tms_grids.tsv), input x/y, expected output x/y.</summary>
    public sealed record Point(int Code, int Source, double X, double Y, double ExpectedX, double ExpectedY);

    public static IReadOnlyList<Point> TmsGrids { get; } = Read("tms_grids.tsv", withSource: false);

    public static IReadOnlyList<Point> Methods { get; } = Read("methods.tsv", withSource: true);

    public static IReadOnlyList<Point> Sampled { get; } = Read("sampled.tsv", withSource: true);

    /// <summary>Datum shifts: <see cref="Point.Source"/> is 1 for WGS 84 lon/lat to the CRS, 0 for the CRS to WGS 84.</summary>
    public static IReadOnlyList<Point> Datum { get; } = Read("datum.tsv", withSource: true);

    public static TheoryData<int> Codes(IReadOnlyList<Point> points) => [.. points.Select(p => p.Code).Distinct()];

    private static List<Point> Read(string name, bool withSource)
    {
        var points = new List<Point>();
        foreach (var line in File.ReadLines(RepoPaths.Data("crs", name)))
        {
            var f = line.Split('\t').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            points.Add(withSource
                ? new Point((int)f[0], (int)f[1], f[2], f[3], f[4], f[5])
                : new Point((int)f[0], 4326, f[1], f[2], f[3], f[4]));
        }
        return points;
    }
}
