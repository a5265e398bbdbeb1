namespace OgcTiler.Server.Ogc.Common;

/// <summary>
/// <c>Access-Control-Allow-Origin: *</c> on OGC responses: web clients on another origin fetch capabilities and read
/// tile pixels (MapLibre, OpenLayers WebGL), and fail without it.
/// </summary>
internal sealed class CorsHeaderFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        context.HttpContext.Response.Headers.AccessControlAllowOrigin = "*";
        return next(context);
    }
}
