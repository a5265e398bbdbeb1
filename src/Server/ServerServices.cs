using Microsoft.Extensions.DependencyInjection.Extensions;
using OgcTiler.Raster.Crs;
using OgcTiler.Server.Caching;
using OgcTiler.Server.Configuration;
using OgcTiler.Server.Errors;
using OgcTiler.Server.Layers;
using OgcTiler.Server.Layers.Time;
using OgcTiler.Server.Operations;
using OgcTiler.Server.Rendering;
using OgcTiler.Server.Rendering.Encoders;
using OgcTiler.Server.Sources;

namespace OgcTiler.Server;

/// <summary>DI and HTTP plumbing of the core server: sources, layers, rendering, caching, errors, CORS, HEAD.</summary>
public static class ServerServices
{
    public static IServiceCollection AddOgcTilerServer(this IServiceCollection services)
    {
        services.AddOgcTilerSources();
        services.AddSingleton<LayerRegistry>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<LayerTimes>();
        services.AddSingleton<ILayerRegistry>(sp => sp.GetRequiredService<LayerRegistry>());
        services.AddSingleton<TileGrids>();
        services.AddSingleton(CrsRegistry.Default);
        services.AddSingleton(sp => sp.GetRequiredService<TileGrids>().Registry); // the one registry WMTS, WMS and /cog share
        services.AddSingleton(sp => new ImageEncoders(sp.GetRequiredService<ServerOptions>().Encoding));
        services.AddSingleton<IRenderPipeline, RenderPipeline>();
        services.AddOgcTilerTileCache();
        services.AddCors(cors => cors.AddDefaultPolicy(policy => policy.AllowAnyOrigin().AllowAnyHeader().WithMethods("GET", "HEAD", "POST", "OPTIONS").WithExposedHeaders("ETag", "Content-Bbox", "Content-Crs")));
        return services;
    }

    /// <summary>Start-up checks, then HEAD as GET without a body, CORS (Access-Control-Allow-Origin: *), exceptions as problem+json.</summary>
    public static WebApplication UseOgcTilerHttp(this WebApplication app)
    {
        app.Services.GetRequiredService<TileGrids>(); // validates the layers' TileMatrixSets at start
        app.Use(HeadAsGet);
        app.UseOgcTilerMetrics();
        app.UseRouting();
        app.UseCors();
        app.UseMiddleware<ProblemMiddleware>();
        return app;
    }

    private static async Task HeadAsGet(HttpContext context, RequestDelegate next)
    {
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }
        context.Request.Method = HttpMethods.Get;
        var body = context.Response.Body;
        context.Response.Body = Stream.Null;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = body;
            context.Request.Method = HttpMethods.Head;
        }
    }
}
