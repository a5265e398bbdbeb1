using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using OgcTiler.Server.Api.Titiler;

namespace OgcTiler.Server.Tests.Api.Titiler;

internal static class QueryStrings
{
    /// <summary>Parses a readable query string; '+' stays a plus (tests mean the operator, as a URL would write %2B).</summary>
    public static QueryReader Reader(string query) => new(new QueryCollection(QueryHelpers.ParseQuery(query.Replace("+", "%2B"))));
}
