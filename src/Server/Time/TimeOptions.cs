namespace OgcTiler.Server.Time;

/// <summary>
/// A layer's <c>Time</c>: how its items' dates become the values of a time dimension.
/// </summary>
/// <param name="Default">"latest" (the last value), "current" (the same, written as the keyword), a value, or null for none
/// (a request must then name a time: MissingDimensionValue).</param>
/// <param name="RefreshSeconds">how often the search is run again (0: never).</param>
/// <param name="NearestValue">whether a time that matches no value is answered with the nearest one (WMS nearestValue).</param>
public sealed record TimeOptions(TimeResolution Resolution, string? Default, int RefreshSeconds, bool NearestValue)
{
    public const string Latest = "latest";
    public const string Current = "current";
}
