using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Tiling;
using OgcTiler.Server.Configuration;

namespace OgcTiler.Server.Layers;

/// <summary>
/// The TileMatrixSets of the server (built-in OGC sets plus <c>TileMatrixSets:Directory</c>) and tile → grid for
/// the tile endpoints. Checks at start that every layer names existing sets.
/// </summary>
public sealed class TileGrids
{
    public TileGrids(ServerOptions options)
    {
        Registry = TileMatrixSetRegistry.Load(options.TileMatrixSets.Directory, CrsRegistry.Default);
        Ids = Registry.All.Select(s => s.Id).ToList();
        var errors = new List<string>();
        for (var i = 0; i < options.Layers.Count; i++)
        {
            foreach (var id in options.Layers[i].TileMatrixSets ?? [])
            {
                if (!Registry.TryGet(id, out _))
                    errors.Add($"Layers:{i}:TileMatrixSets: unknown TileMatrixSet '{id}' (known: {string.Join(", ", Ids)})");
            }
        }
        if (errors.Count > 0)
            throw new ConfigurationException("TileMatrixSets", errors);
    }

    public TileMatrixSetRegistry Registry { get; }

    /// <summary>Every set id, ordered.</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>The grid of tile (z, x, y); ResourceNotFoundException for an unknown set or a tile outside it.</summary>
    public TargetGrid TileGrid(string tileMatrixSet, int z, int x, int y) => Registry.Get(tileMatrixSet).TileGrid(z, x, y);
}
