using System.Globalization;
using OgcTiler.Abstractions.Errors;

namespace OgcTiler.Plugins.Stac.Search;

/// <summary>
/// A STAC API <c>datetime</c>: an instant ("2024-01-01T00:00:00Z"), a closed range ("a/b") or a range open at one
/// end ("../b", "a/..", "a/"). <see cref="Text"/> is sent to the API as given.
/// </summary>
internal sealed record DatetimeInterval(string Text, DateTimeOffset? Start, DateTimeOffset? End)
{
    public static DatetimeInterval Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 1)
        {
            var instant = Instant(parts[0], text);
            return new DatetimeInterval(text, instant, instant);
        }
        if (parts.Length != 2)
            throw Invalid(text, "has more than one '/'");
        var start = parts[0] is "" or ".." ? (DateTimeOffset?)null : Instant(parts[0], text);
        var end = parts[1] is "" or ".." ? (DateTimeOffset?)null : Instant(parts[1], text);
        if (start is null && end is null)
            throw Invalid(text, "is open at both ends");
        if (start > end)
            throw Invalid(text, "starts after it ends");
        return new DatetimeInterval(text, start, end);
    }

    public bool Contains(DateTimeOffset value) => (Start is null || value >= Start) && (End is null || value <= End);

    private static DateTimeOffset Instant(string part, string text) =>
        DateTimeOffset.TryParse(part, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : throw Invalid(text, $"has '{part}', which is not an RFC 3339 date-time (e.g. 2024-01-01T00:00:00Z) or '..'");

    private static InvalidParameterException Invalid(string text, string problem) =>
        new("datetime", $"datetime '{text}' {problem}; use an instant, 'start/end', '../end' or 'start/..'");
}
