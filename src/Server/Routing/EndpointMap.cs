using OgcTiler.Server.Api.Algorithms;
using OgcTiler.Server.Api.Cog;
using OgcTiler.Server.Api.Conformance;
using OgcTiler.Server.Api.Endpoints;
using OgcTiler.Server.Api.Layers;
using OgcTiler.Server.Api.Searches;
using OgcTiler.Server.Api.Stac;
using OgcTiler.Server.ColorMaps;
using OgcTiler.Server.Ogc.Wms;
using OgcTiler.Server.Ogc.Wmts;
using OgcTiler.Server.Operations;

namespace OgcTiler.Server.Routing;

/// <summary>Every door of the server, in one place.</summary>
public static class EndpointMap
{
    public static IEndpointRouteBuilder MapOgcTiler(this IEndpointRouteBuilder app)
    {
        app.MapLayerEndpoints();        // /layers, /tileMatrixSets
        app.MapLayerPoint();            // /layers/{id}/point (TiTiler's point answer)
        app.MapCogEndpoints();          // /cog/...
        app.MapStacEndpoints();         // /stac/...
        app.MapSearchEndpoints();       // /searches/...
        app.MapAlgorithmEndpoints();    // /algorithms
        app.MapConformanceEndpoints();  // /conformance
        app.MapWmtsEndpoints();         // /wmts
        app.MapWmsEndpoints();          // /wms
        app.MapColormapEndpoints();     // /colorMaps
        app.MapOperationsEndpoints();   // /healthz, /readyz, /metrics, /plugins, /api, /api.html
        return app;
    }
}
