namespace OgcTiler.Server.Api.Searches;

/// <summary>
/// Where a family of mosaic routes finds its search: <c>/searches/{searchId}</c> in the registered searches,
/// <c>/collections/{collectionId}</c> built from the collection and the request's search parameters.
/// </summary>
internal sealed record MosaicRoutes(string Prefix, string RouteKey, Func<string, HttpContext, Task<RegisteredSearch>> Lookup)
{
    public static MosaicRoutes Searches { get; } = new("searches", "searchId",
        (id, c) => c.RequestServices.GetRequiredService<SearchRegistry>().GetAsync(id, c.RequestAborted));

    public static MosaicRoutes Collections { get; } = new("collections", "collectionId",
        (id, c) => c.RequestServices.GetRequiredService<CollectionSearches>().GetAsync(id, c.Request.Query, c.RequestAborted));

    public Task<RegisteredSearch> FindAsync(HttpContext context) => Lookup(Segment(context, null), context);

    /// <summary>The route prefix of the resolver ("searches/{id}", "collections/{id}"), which tile and viewer URLs start with.</summary>
    public string Name(HttpContext context) => $"{Prefix}/{Uri.EscapeDataString(Segment(context, null))}";

    /// <summary>The path segment after the prefix: the request's (a search or collection id), else the search's id (register, list).</summary>
    public string Segment(HttpContext context, RegisteredSearch? search) =>
        context.Request.RouteValues[RouteKey] as string ?? search?.Id ?? throw new InvalidOperationException($"no {RouteKey} in the route");
}
