using System.Collections.Frozen;
using System.Globalization;
using System.IO.Compression;
using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Raster.Crs;

/// <summary>One row of config/crs/epsg.tsv.gz (see config/crs/generate.py for the format).</summary>
internal sealed record EpsgRow(int Code, bool NorthingFirst, Bounds? AreaOfUse, string Name, string Wkt)
{
    public const string WebMercator = "WEBMERCATOR";

    public bool IsGeographic => Wkt.StartsWith("GEOGCS[", StringComparison.Ordinal);

    /// <summary>This row's code when geographic, else the code of the geographic row its WKT refers to ("@code"); null for Web Mercator.</summary>
    public int? GeographicCode
    {
        get
        {
            if (IsGeographic)
                return Code;
            var at = Wkt.IndexOf('@', StringComparison.Ordinal);
            if (at < 0)
                return null;
            var end = at + 1;
            while (end < Wkt.Length && char.IsAsciiDigit(Wkt[end]))
                end++;
            return int.Parse(Wkt.AsSpan(at + 1, end - at - 1), CultureInfo.InvariantCulture);
        }
    }
}

/// <summary>The EPSG table shipped as an embedded resource (generated from config/crs), read once on first use.</summary>
internal sealed class EpsgTable
{
    private const string ResourceName = "OgcTiler.Raster.Crs.epsg.tsv.gz";

    private readonly FrozenDictionary<int, EpsgRow> _rows;

    private EpsgTable(FrozenDictionary<int, EpsgRow> rows, IReadOnlyList<EpsgRow> ordered)
    {
        _rows = rows;
        Rows = ordered;
    }

    public static EpsgTable Embedded => LazyEmbedded.Value;

    private static readonly Lazy<EpsgTable> LazyEmbedded = new(LoadEmbedded);

    /// <summary>Rows in ascending code order.</summary>
    public IReadOnlyList<EpsgRow> Rows { get; }

    public bool TryGet(int code, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out EpsgRow? row) => _rows.TryGetValue(code, out row);

    /// <summary>The full WKT of a row: a leading "@code" GEOGCS reference is replaced by that geographic row's WKT.</summary>
    public string ExpandWkt(EpsgRow row)
    {
        var wkt = row.Wkt;
        var at = wkt.IndexOf('@', StringComparison.Ordinal);
        if (at < 0)
            return wkt;
        var end = at + 1;
        while (end < wkt.Length && char.IsAsciiDigit(wkt[end]))
            end++;
        var baseCode = int.Parse(wkt.AsSpan(at + 1, end - at - 1), CultureInfo.InvariantCulture);
        return _rows.TryGetValue(baseCode, out var geog)
            ? string.Concat(wkt.AsSpan(0, at), geog.Wkt, wkt.AsSpan(end))
            : throw new InvalidDataException($"{ResourceName}: EPSG:{row.Code} refers to missing EPSG:{baseCode}");
    }

    public static EpsgTable Parse(Stream gzip)
    {
        using var reader = new StreamReader(new GZipStream(gzip, CompressionMode.Decompress));
        var rows = new List<EpsgRow>(8192);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
                rows.Add(ParseRow(line));
        }
        rows.Sort((a, b) => a.Code.CompareTo(b.Code));
        return new EpsgTable(rows.ToFrozenDictionary(r => r.Code), rows);
    }

    private static EpsgRow ParseRow(string line)
    {
        var f = line.Split('\t');
        if (f.Length != 5)
            throw new InvalidDataException($"{ResourceName}: malformed row '{line[..Math.Min(line.Length, 40)]}'");
        return new EpsgRow(int.Parse(f[0], CultureInfo.InvariantCulture), f[1] == "1", ParseBounds(f[2]), f[3], f[4]);
    }

    private static Bounds? ParseBounds(string text)
    {
        if (text.Length == 0)
            return null;
        var v = text.Split(',');
        double P(int i) => double.Parse(v[i], CultureInfo.InvariantCulture);
        return new Bounds(P(0), P(1), P(2), P(3));
    }

    private static EpsgTable LoadEmbedded()
    {
        using var stream = typeof(EpsgTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing from the build");
        return Parse(stream);
    }
}
