using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Crs;
using OgcTiler.Server.Ogc.Common;

namespace OgcTiler.Server.Ogc.Wms;

/// <summary>A CRS a layer is offered in, with the layer's bounding box in it (east/north order).</summary>
internal sealed record WmsCrsBox(string Code, CrsDefinition Crs, Bounds Box);

/// <summary>
/// The CRSs a layer is offered in: CRS:84, EPSG:4326, EPSG:3857, the data's own CRS and the UTM zones its extent
/// touches; each with the layer's bounding box.
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
            var box = crs.Id == native?.Id && !crs.IsGeographic ? layer.Info.NativeBounds : BoundsProjector.Project(registry, wgs84, crs);
            if (box is { } b)
                boxes.Add(new WmsCrsBox(code, crs, b));
        }
        return boxes;
    }

    private static IEnumerable<string> Codes(string nativeCrs, Bounds wgs84)
    {
        yield return "CRS:84";
        yield return "EPSG:4326";
        yield return "EPSG:3857";
        yield return nativeCrs;
        var first = UtmZone(wgs84.MinX);
        var last = UtmZone(wgs84.MaxX);
        for (var zone = first; zone <= last; zone++)
        {
            if (wgs84.MaxY > 0)
                yield return $"EPSG:{32600 + zone}";
            if (wgs84.MinY < 0)
                yield return $"EPSG:{32700 + zone}";
        }
    }

    private static int UtmZone(double longitude) => Math.Clamp((int)Math.Floor((longitude + 180) / 6) + 1, 1, 60);
}
