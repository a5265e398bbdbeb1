using System.Net;
using System.Text;
using OgcTiler.Abstractions.Errors;

namespace OgcTiler.Server.Api.Titiler;

/// <summary>TiTiler's HTML forms of its JSON documents (<c>f=html</c>): when one is wanted, its page, its escaping.</summary>
internal static class HtmlForms
{
    /// <summary><c>f=html</c> or <c>f=json</c> decides; without f, an Accept header asking for text/html (JSON otherwise, as TiTiler).</summary>
    public static bool Wanted(HttpRequest request, string? f) => f switch
    {
        "html" => true,
        "json" => false,
        null => request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase),
        _ => throw new InvalidParameterException("f", $"f: '{f}' is not one of html, json"),
    };

    /// <summary>An HTML page with a link to its JSON form, as TiTiler's templates.</summary>
    public static IResult Page(HttpRequest request, string title, string body) =>
        Results.Content(
            $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{Escape(title)}</title></head><body>" +
            $"<p><a href=\"{Escape($"{request.PathBase}{request.Path}")}?f=json\">JSON</a></p><h1>{Escape(title)}</h1>{body}</body></html>",
            "text/html; charset=utf-8", Encoding.UTF8);

    public static string Escape(string text) => WebUtility.HtmlEncode(text);
}
