using System.Text.Json.Nodes;
using OgcTiler.Server.Configuration;

namespace OgcTiler.Server.Api.Searches;

/// <summary>
/// One JSON file per search in <c>Searches:Directory</c>, so searches outlive a restart (and instances sharing the
/// folder share them). A file is written under a temporary name and moved into place, so it is never read half-written;
/// a search already on file is not written again (its id hashes its content), so the files' times order the list.
/// </summary>
internal sealed class FileSearchStore(SearchesOptions options) : ISearchStore
{
    public async Task SaveAsync(RegisteredSearch search, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.Directory);
        var path = PathOf(search.Id);
        if (File.Exists(path))
            return;
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllTextAsync(temporary, search.ToJson().ToJsonString(), cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    public async Task<RegisteredSearch?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var path = PathOf(id);
        return File.Exists(path) ? await ReadAsync(path, cancellationToken) : null;
    }

    public async Task<IReadOnlyList<RegisteredSearch>> ListAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(options.Directory))
            return [];
        var files = new DirectoryInfo(options.Directory).EnumerateFiles("*.json")
            .Where(f => RegisteredSearch.IsId(Path.GetFileNameWithoutExtension(f.Name)))
            .OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal);
        var searches = new List<RegisteredSearch>();
        foreach (var file in files)
            searches.Add(await ReadAsync(file.FullName, cancellationToken));
        return searches;
    }

    private static async Task<RegisteredSearch> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var json = JsonNode.Parse(await File.ReadAllTextAsync(path, cancellationToken)) as JsonObject
            ?? throw new InvalidDataException($"{path} does not hold a registered search");
        return RegisteredSearch.FromJson(json);
    }

    private string PathOf(string id) => Path.Combine(options.Directory, id + ".json");
}
