using System.Collections.Frozen;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Raster.Crs;

namespace OgcTiler.Raster.Tiling;

/// <summary>
/// The TileMatrixSets the server offers: the 13 OGC definitions built into the assembly (copied from config/tms) and
/// every *.json file of the configured folder; a file whose id equals a built-in one replaces it.
/// </summary>
public sealed class TileMatrixSetRegistry
{
    private const string ResourcePrefix = "OgcTiler.Raster.Tiling.Builtin.";

    private readonly FrozenDictionary<string, TileMatrixSet> _byId;

    public TileMatrixSetRegistry(IEnumerable<TileMatrixSet> sets)
    {
        var byId = new Dictionary<string, TileMatrixSet>(StringComparer.OrdinalIgnoreCase);
        foreach (var set in sets)
            byId[set.Id] = set;
        _byId = byId.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        All = [.. byId.Values.OrderBy(s => s.Id, StringComparer.Ordinal)];
    }

    /// <summary>Every set, ordered by id.</summary>
    public IReadOnlyList<TileMatrixSet> All { get; }

    /// <summary>The built-in sets plus the *.json files of <paramref name="directory"/> (if given).</summary>
    public static TileMatrixSetRegistry Load(string? directory, CrsRegistry crs)
    {
        var sets = BuiltIn(crs).ToList();
        if (directory is not null)
        {
            if (!Directory.Exists(directory))
                throw new InvalidParameterException("TileMatrixSets:Directory", $"TileMatrixSet folder '{directory}' does not exist");
            foreach (var file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
                sets.Add(TileMatrixSetLoader.Parse(File.ReadAllText(file), file, crs));
        }
        return new TileMatrixSetRegistry(sets);
    }

    /// <summary>The OGC definitions embedded in the assembly.</summary>
    public static IEnumerable<TileMatrixSet> BuiltIn(CrsRegistry crs)
    {
        var assembly = typeof(TileMatrixSetRegistry).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            yield return TileMatrixSetLoader.Parse(reader.ReadToEnd(), name[ResourcePrefix.Length..], crs);
        }
    }

    public bool TryGet(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TileMatrixSet? set) => _byId.TryGetValue(id, out set);

    /// <summary>The set with this id (case-insensitive); otherwise ResourceNotFoundException listing the valid ids.</summary>
    public TileMatrixSet Get(string id) =>
        TryGet(id, out var set)
            ? set
            : throw new ResourceNotFoundException($"unknown TileMatrixSet '{id}'; valid: {string.Join(", ", All.Select(s => s.Id))}");
}
