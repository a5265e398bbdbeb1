using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Abstractions.Sources;

/// <summary>
/// A source made of STAC items (a search's mosaic): which items an area meets, for TiTiler's mosaic <c>assets</c>
/// routes (the items of a tile, a bbox, a point).
/// </summary>
public interface IItemSource : IRasterSource
{
    /// <summary>
    /// The items whose WGS84 bbox meets <paramref name="wgs84"/> (edges included, so a point is a box of no size;
    /// a box with west &gt; east crosses 180°), in the source's order; items without a bbox meet every area.
    /// </summary>
    IReadOnlyList<SourceItem> ItemsMeeting(Bounds wgs84);
}

/// <summary>An item of an <see cref="IItemSource"/>: its id, collection, WGS84 bbox (null when it gives none) and assets in document order.</summary>
public sealed record SourceItem(string Id, string? Collection, Bounds? Bbox, IReadOnlyList<ItemAsset> Assets);

/// <summary>An asset of a <see cref="SourceItem"/>: its name, href (resolved against the item), media type, title and roles.</summary>
public sealed record ItemAsset(string Name, string Href, string? MediaType, string? Title, IReadOnlyList<string> Roles);
