namespace OgcTiler.Server.Api.Searches;

/// <summary>Where registered searches are kept: one folder of files (default) or Redis (<c>Cache:Redis</c>), shared by instances.</summary>
internal interface ISearchStore
{
    /// <summary>Keeps the search; one registered before under the same id (so with the same content) keeps its place in the list.</summary>
    Task SaveAsync(RegisteredSearch search, CancellationToken cancellationToken);

    /// <summary>The search with this id (a valid <see cref="RegisteredSearch.IsId"/>), or null when none is registered.</summary>
    Task<RegisteredSearch?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Every registered search, first registered first.</summary>
    Task<IReadOnlyList<RegisteredSearch>> ListAsync(CancellationToken cancellationToken);
}
