using Microsoft.AspNetCore.ResponseCompression;
using OgcTiler.Server.Errors;

namespace OgcTiler.Server.Api;

/// <summary>
/// The HTTP behaviour of TiTiler's application: responses compressed with br or gzip when the client accepts them,
/// except the already compressed images (JPEG, PNG, JPEG 2000, WebP); and on its routes a default Cache-Control for
/// GET and HEAD answers below 500 that set none.
/// </summary>
public static class TitilerHttp
{
    /// <summary>TiTiler's default (<c>TITILER_API_CACHECONTROL</c>).</summary>
    public const string DefaultCacheControl = "public, max-age=3600";

    public static IServiceCollection AddTitilerCompression(this IServiceCollection services) =>
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true; // the responses hold no secrets; TiTiler compresses over HTTPS too
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ["*/*"];
            options.ExcludedMimeTypes = ["image/jpeg", "image/jpg", "image/png", "image/jp2", "image/webp"];
        });

    public static IApplicationBuilder UseTitilerHttp(this IApplicationBuilder app)
    {
        app.Use(DefaultCacheControlAsync);
        return app.UseResponseCompression();
    }

    private static Task DefaultCacheControlAsync(HttpContext context, RequestDelegate next)
    {
        if (TitilerStatus.Applies(context.Request.Path) && HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.OnStarting(() =>
            {
                var response = context.Response;
                if (response.StatusCode < 500 && string.IsNullOrEmpty(response.Headers.CacheControl))
                    response.Headers.CacheControl = DefaultCacheControl;
                return Task.CompletedTask;
            });
        }
        return next(context);
    }
}
