using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Crs;
using OgcTiler.Server.Ogc.Common;

namespace OgcTiler.Server.Ogc.Wms;

/// <summary>A CRS a layer is offered in, with the layer's bounding box in it (east/north order).</summary>
internal sealed record WmsCrsBox(string Code, CrsDefinition Crs, Bounds Box);

/// <summary>
/// The CRSs a layer is offered in: CRS:84, EPSG:4326, EPSG:3857, the data's own CRS and the UTM zones its extent
/// touches (on both sides of the antimeridian for data across it); each with the layer's bounding box, the box holding
/// both sides for such data (all longitudes in a geographic CRS: a BoundingBox has min &lt; max).
/// </summary>
internal static class WmsCrsList
{
    public static IReadOnlyList<WmsCrsBox> For(CrsRegistry registry, OgcLayer layer)
    {
        var wgs84 = layer.Info.Wgs84Bounds;
        var boxes = new List<WmsCrsBox>();
        registry.TryResolve(layer.Info.Crs, out var native);
        foreach (var name in Codes(layer.Info.Crs, wgs84))
        {
            if (!registry.TryResolve(name, out var crs))
                continue;
            var code = name == "CRS:84" ? name : crs.Id;
            if (boxes.Any(b => b.Code == code))
                continue;
            if (crs.Id == native?.Id && !crs.IsGeographic)
                boxes.Add(new WmsCrsBox(code, crs, layer.Info.NativeBounds));
            else if (BoundsProjector.ProjectParts(registry, wgs84, crs) is { Count: > 0 } parts)
                boxes.Add(new WmsCrsBox(code, crs, parts.Aggregate(Bounds.Union)));
        }
        return boxes;
    }

    private static IEnumerable<string> Codes(string nativeCrs, Bounds wgs84)
    {
        yield return "CRS:84";
        yield return "EPSG:4326";
        yield return "EPSG:3857";
        yield return nativeCrs;
        foreach (var part in Antimeridian.Parts(wgs84))
        {
            for (var zone = UtmZone(part.MinX); zone <= UtmZone(part.MaxX); zone++)
            {
                if (part.MaxY > 0)
                    yield return $"EPSG:{32600 + zone}";
                if (part.MinY < 0)
                    yield return $"EPSG:{32700 + zone}";
            }
        }
    }

    private static int UtmZone(double longitude) => Math.Clamp((int)Math.Floor((longitude + 180) / 6) + 1, 1, 60);
}
