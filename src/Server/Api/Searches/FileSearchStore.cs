using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using OgcTiler.Server.Configuration;

namespace OgcTiler.Server.Api.Searches;

/// <summary>
/// One JSON file per search in <c>Searches:Directory</c>, so searches outlive a restart (and instances sharing the
/// folder share them). A file is written under a temporary name and moved into place, so it is never read half-written;
/// a search already on file is not written again (its id hashes its content), so the files' times order the list.
/// The list is kept while the folder's modification time stays the same (a file moved in or out changes it, whichever
/// instance moved it), and a search's file is read once: a list costs one stat of the folder, or one listing of it
/// and the reads of the new files. File systems keep times in coarse ticks, so a folder changed in the last
/// <see cref="Settle"/> is listed again each time: a file moved in within the tick of a kept list is never missed.
/// </summary>
internal sealed class FileSearchStore(SearchesOptions options) : ISearchStore
{
    private readonly ConcurrentDictionary<string, RegisteredSearch> _read = new(StringComparer.Ordinal);
    private volatile Listing? _listing;

    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    private sealed record Listing(DateTime FolderTime, IReadOnlyList<RegisteredSearch> Searches);

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
        // the time is taken before the listing, so a file moved in meanwhile makes the next list look again
        var folderTime = Directory.GetLastWriteTimeUtc(options.Directory);
        if (_listing is { } listing && listing.FolderTime == folderTime)
            return listing.Searches;
        var files = new DirectoryInfo(options.Directory).EnumerateFiles("*.json")
            .Where(f => RegisteredSearch.IsId(Path.GetFileNameWithoutExtension(f.Name)))
            .OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal);
        var searches = new List<RegisteredSearch>();
        foreach (var file in files)
        {
            var id = Path.GetFileNameWithoutExtension(file.Name);
            if (!_read.TryGetValue(id, out var search))
                _read[id] = search = await ReadAsync(file.FullName, cancellationToken);
            searches.Add(search);
        }
        _listing = DateTime.UtcNow - folderTime > Settle ? new Listing(folderTime, searches) : null;
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
