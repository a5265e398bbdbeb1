using System.Globalization;
using OgcTiler.Abstractions.Errors;

namespace OgcTiler.Server.Api.Searches;

/// <summary>
/// A request's <c>datetime</c> narrows the registered one: the search runs over the intersection of both intervals
/// (STAC API syntax: an instant, "start/end", "../end", "start/.."), so a request never widens a registered search.
/// </summary>
internal static class DatetimeNarrowing
{
    public static string Narrow(string? registered, string requested)
    {
        var (start, end) = Parse(requested);
        if (registered is not null)
        {
            var (registeredStart, registeredEnd) = Parse(registered);
            start = Later(start, registeredStart);
            end = Earlier(end, registeredEnd);
        }
        if (start > end)
            throw new ResourceNotFoundException($"datetime '{requested}' does not meet the search's datetime '{registered}': no items");
        return start == end && start is not null ? Text(start) : $"{Text(start)}/{Text(end)}";
    }

    private static (DateTimeOffset? Start, DateTimeOffset? End) Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 1)
            return (Instant(parts[0], text), Instant(parts[0], text));
        if (parts.Length != 2 || (IsOpen(parts[0]) && IsOpen(parts[1])))
            throw Invalid(text);
        var start = IsOpen(parts[0]) ? null : Instant(parts[0], text);
        var end = IsOpen(parts[1]) ? null : Instant(parts[1], text);
        return start > end ? throw Invalid(text) : (start, end);
    }

    private static bool IsOpen(string part) => part is "" or "..";

    private static DateTimeOffset? Instant(string part, string text) =>
        DateTimeOffset.TryParse(part, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value.ToUniversalTime() : throw Invalid(text);

    private static InvalidParameterException Invalid(string text) =>
        new("datetime", $"datetime '{text}' is not an RFC 3339 instant or interval ('start/end', '../end', 'start/..')");

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static DateTimeOffset? Earlier(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private static string Text(DateTimeOffset? value) => value?.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture) ?? "..";
}
