namespace OgcTiler.Abstractions.Sources;

/// <summary>
/// A source made of dated parts (the items of a STAC search): the server offers their dates as a time dimension and
/// reads one date, or a range of dates, through <see cref="During"/>.
/// </summary>
public interface ITimedSource : IRasterSource
{
    /// <summary>The id and time of each part, in the source's order; parts without a date are left out.</summary>
    IReadOnlyList<PartTime> Times { get; }

    /// <summary>The source over only the parts whose time meets one of <paramref name="ranges"/> (ends included); null when none does.</summary>
    IRasterSource? During(IReadOnlyList<TimeRange> ranges);

    /// <summary>Opens the source again from its origin (the search is run again, past any cache).</summary>
    Task<ITimedSource> ReopenAsync(CancellationToken cancellationToken);
}

/// <summary>A closed time interval; <see cref="Start"/> equals <see cref="End"/> for an instant.</summary>
public readonly record struct TimeRange(DateTimeOffset Start, DateTimeOffset End)
{
    public bool Meets(TimeRange other) => Start <= other.End && other.Start <= End;
}

/// <summary>When one part of a <see cref="ITimedSource"/> was acquired.</summary>
public sealed record PartTime(string Id, TimeRange Time);
