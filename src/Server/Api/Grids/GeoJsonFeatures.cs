using System.Text.Json;
using System.Text.Json.Nodes;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Server.Api.Grids;

/// <summary>One GeoJSON feature of a POST body: its JSON (to echo back with statistics) and its polygon rings.</summary>
internal sealed record GeoJsonFeature(JsonObject Json, IReadOnlyList<IReadOnlyList<(double X, double Y)>> Rings)
{
    public Bounds Bounds
    {
        get
        {
            double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
            foreach (var (x, y) in Rings.SelectMany(r => r))
            {
                (minX, maxX) = (Math.Min(minX, x), Math.Max(maxX, x));
                (minY, maxY) = (Math.Min(minY, y), Math.Max(maxY, y));
            }
            return new Bounds(minX, minY, maxX, maxY);
        }
    }
}

/// <summary>Parses a Feature, a FeatureCollection or a bare Polygon/MultiPolygon geometry.</summary>
internal static class GeoJsonFeatures
{
    public static (JsonObject Root, IReadOnlyList<GeoJsonFeature> Features) Parse(string body)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(body) as JsonObject ?? throw Invalid("the body is not a JSON object");
        }
        catch (JsonException e)
        {
            throw Invalid($"the body is not valid JSON ({e.Message})");
        }
        var type = root["type"]?.GetValue<string>();
        IReadOnlyList<GeoJsonFeature> features = type switch
        {
            "FeatureCollection" => (root["features"] as JsonArray ?? throw Invalid("a FeatureCollection needs a 'features' array"))
                .Select(f => Feature(f as JsonObject ?? throw Invalid("each feature must be an object"))).ToArray(),
            "Feature" => [Feature(root)],
            "Polygon" or "MultiPolygon" => [new GeoJsonFeature(new JsonObject { ["type"] = "Feature", ["geometry"] = root.DeepClone(), ["properties"] = new JsonObject() }, Rings(root))],
            _ => throw Invalid($"type '{type}' is not Feature, FeatureCollection, Polygon or MultiPolygon"),
        };
        if (features.Count == 0)
            throw Invalid("the FeatureCollection has no feature");
        return (root, features);
    }

    private static GeoJsonFeature Feature(JsonObject feature)
    {
        var geometry = feature["geometry"] as JsonObject ?? throw Invalid("a Feature needs a 'geometry' object");
        return new GeoJsonFeature(feature, Rings(geometry));
    }

    private static List<IReadOnlyList<(double, double)>> Rings(JsonObject geometry)
    {
        var type = geometry["type"]?.GetValue<string>();
        var coordinates = geometry["coordinates"] as JsonArray ?? throw Invalid("a geometry needs 'coordinates'");
        var polygons = type switch
        {
            "Polygon" => [coordinates],
            "MultiPolygon" => coordinates.Select(p => p as JsonArray ?? throw Invalid("MultiPolygon coordinates must be arrays of polygons")).ToArray(),
            _ => throw Invalid($"geometry type '{type}' is not Polygon or MultiPolygon"),
        };
        var rings = new List<IReadOnlyList<(double, double)>>();
        foreach (var polygon in polygons)
        {
            foreach (var ring in polygon.Select(r => r as JsonArray ?? throw Invalid("a polygon ring must be an array of positions")))
            {
                var points = ring.Select(Position).ToArray();
                if (points.Length < 3)
                    throw Invalid("a polygon ring needs at least 3 positions");
                rings.Add(points);
            }
        }
        return rings;
    }

    private static (double, double) Position(JsonNode? node)
    {
        if (node is JsonArray { Count: >= 2 } p && p[0] is JsonValue x && p[1] is JsonValue y
            && x.TryGetValue<double>(out var px) && y.TryGetValue<double>(out var py) && double.IsFinite(px) && double.IsFinite(py))
            return (px, py);
        throw Invalid($"position {node?.ToJsonString()} is not [x, y]");
    }

    private static InvalidParameterException Invalid(string problem) => new("body", $"body: {problem}");
}
