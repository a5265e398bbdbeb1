namespace OgcTiler.Server.Api.Searches;

/// <summary>Where registered searches are kept: one folder of files (default) or Redis (<c>Cache:Redis</c>), shared by instances.</summary>
internal interface ISearchStore
{
    Task SaveAsync(RegisteredSearch search, CancellationToken cancellationToken);

    /// <summary>The search with this id (a valid <see cref="RegisteredSearch.IsId"/>), or null when none is registered.</summary>
    Task<RegisteredSearch?> FindAsync(string id, CancellationToken cancellationToken);
}
