using System.Text.Json.Nodes;
using OgcTiler.Server.Api.Searches;
using OgcTiler.Server.Configuration;

namespace OgcTiler.Server.Tests.Api.Searches;

/// <summary>The folder store's list: each file read once, the list kept until the folder changes, whichever instance changed it.</summary>
public sealed class FileSearchStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ogctiler-searches-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task List_ReadsEachFileOnce_AndSeesASearchAnotherInstanceSaves()
    {
        var (store, other) = (new FileSearchStore(new SearchesOptions(_folder, null)), new FileSearchStore(new SearchesOptions(_folder, null)));
        var (first, second, third) = (Search(1), Search(2), Search(3));
        await store.SaveAsync(first, default);
        await store.SaveAsync(second, default);
        var longAgo = DateTime.UtcNow.AddMinutes(-10);
        File.SetLastWriteTimeUtc(FileOf(first), longAgo.AddSeconds(-1));
        File.SetLastWriteTimeUtc(FileOf(second), longAgo);
        Directory.SetLastWriteTimeUtc(_folder, longAgo);

        var listed = await store.ListAsync(default);
        File.WriteAllText(FileOf(first), "not read again");   // rewriting a file's content leaves the folder's time
        File.SetLastWriteTimeUtc(FileOf(first), longAgo.AddSeconds(-1));
        var again = await store.ListAsync(default);
        await other.SaveAsync(third, default);
        var afterOther = await store.ListAsync(default);

        Assert.Equal([first.Id, second.Id], listed.Select(s => s.Id));
        Assert.Same(listed, again);
        Assert.Equal([first.Id, second.Id, third.Id], afterOther.Select(s => s.Id));
        Assert.Equal(first.Metadata.ToJsonString(), afterOther[0].Metadata.ToJsonString());
    }

    /// <summary>A file moved in within the file system's time tick of a listed folder leaves its time as it was: a folder changed just now is listed again.</summary>
    [Fact]
    public async Task List_OfAFolderChangedJustNow_IsNotKept()
    {
        var (store, other) = (new FileSearchStore(new SearchesOptions(_folder, null)), new FileSearchStore(new SearchesOptions(_folder, null)));
        await store.SaveAsync(Search(1), default);
        var tick = DateTime.UtcNow.AddMilliseconds(-500);
        Directory.SetLastWriteTimeUtc(_folder, tick);

        var listed = await store.ListAsync(default);
        await other.SaveAsync(Search(2), default);
        Directory.SetLastWriteTimeUtc(_folder, tick);   // the same coarse tick
        var again = await store.ListAsync(default);

        Assert.Single(listed);
        Assert.Equal(2, again.Count);
    }

    private string FileOf(RegisteredSearch search) => Path.Combine(_folder, search.Id + ".json");

    private static RegisteredSearch Search(int num) =>
        RegisteredSearch.Create("https://stac.example/search", new JsonObject { ["collections"] = new JsonArray("c") }, new JsonObject { ["num"] = num, ["type"] = "mosaic" });
}
