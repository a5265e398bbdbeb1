using OgcTiler.Abstractions.Errors;
using OgcTiler.Server.Api.Titiler;

namespace OgcTiler.Server.Api.Algorithms;

/// <summary>TiTiler's <c>/algorithms</c> (the list) and <c>/algorithms/{id}</c> (inputs, outputs, parameter schemas), as JSON or HTML.</summary>
internal static class AlgorithmEndpoints
{
    public static IEndpointRouteBuilder MapAlgorithmEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/algorithms", List).WithSummary("The available algorithms");
        app.MapGet("/algorithms/{algorithmId}", Get).WithSummary("Inputs, outputs and parameters of one algorithm");
        return app;
    }

    private static IResult List(HttpRequest request, string? f)
    {
        var items = AlgorithmDefinitions.All.Select(a => new
        {
            id = a.Id,
            title = a.Title,
            links = new[] { new { href = ItemUrl(request, a.Id), rel = "item", type = "application/json", title = $"Definition of {a.Id} Algorithm" } },
        }).ToArray();
        if (!HtmlForms.Wanted(request, f))
            return Results.Json(new { algorithms = items });
        var rows = string.Concat(items.Select(a => $"<tr><td><a href=\"{HtmlForms.Escape(a.links[0].href)}?f=html\">{HtmlForms.Escape(a.id)}</a></td><td>{HtmlForms.Escape(a.title)}</td></tr>"));
        return HtmlForms.Page(request, "Algorithms", $"<table><tr><th>id</th><th>title</th></tr>{rows}</table>");
    }

    private static IResult Get(string algorithmId, HttpRequest request, string? f)
    {
        if (!AlgorithmParser.TryGet(algorithmId, out var a))
            throw new InvalidParameterException("algorithmId", $"algorithmId: '{algorithmId}' is not one of {string.Join(", ", AlgorithmParser.Names)}");
        var wantsHtml = HtmlForms.Wanted(request, f);
        var metadata = new Dictionary<string, object?>
        {
            ["title"] = a.Title,
            ["description"] = a.Description,
            ["inputs"] = new Dictionary<string, object?> { ["nbands"] = a.InputBands },
            ["outputs"] = new Dictionary<string, object?> { ["nbands"] = a.OutputBands, ["dtype"] = a.OutputDtype, ["min"] = a.OutputMin, ["max"] = a.OutputMax },
            ["parameters"] = a.Parameters.ToDictionary(p => p.Name, Schema),
        };
        if (!wantsHtml)
            return Results.Json(metadata);
        var parameters = string.Concat(a.Parameters.Select(p =>
            $"<tr><td>{HtmlForms.Escape(p.Name)}</td><td>{(p.Integer ? "integer" : "number")}{(p.Nullable ? " or null" : "")}</td><td>{HtmlForms.Escape(p.Default?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null")}</td><td>{p.Minimum.ToString(System.Globalization.CultureInfo.InvariantCulture)}..{p.Maximum.ToString(System.Globalization.CultureInfo.InvariantCulture)}</td></tr>"));
        return HtmlForms.Page(request, a.Title,
            $"<p>{HtmlForms.Escape(a.Description)}</p><p>input bands: {a.InputBands?.ToString() ?? "any"}; output bands: {a.OutputBands?.ToString() ?? "as input"}; output type: {HtmlForms.Escape(a.OutputDtype ?? "as input")}</p>" +
            $"<table><tr><th>parameter</th><th>type</th><th>default</th><th>range</th></tr>{parameters}</table>");
    }

    /// <summary>The JSON schema pydantic writes for a bounded Field (nullable ones as anyOf with null).</summary>
    private static Dictionary<string, object?> Schema(AlgorithmParameter p)
    {
        var bounds = new Dictionary<string, object?> { ["maximum"] = p.Maximum, ["minimum"] = p.Minimum, ["type"] = p.Integer ? "integer" : "number" };
        var schema = p.Nullable
            ? new Dictionary<string, object?> { ["anyOf"] = new object[] { bounds, new Dictionary<string, string> { ["type"] = "null" } } }
            : bounds;
        schema["default"] = p.Default is { } d && p.Integer ? (object)(long)d : p.Default;
        if (p.Description is not null)
            schema["description"] = p.Description;
        schema["title"] = string.Join(' ', p.Name.Split('_').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
        return schema;
    }

    private static string ItemUrl(HttpRequest request, string id) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}/algorithms/{Uri.EscapeDataString(id)}";
}
