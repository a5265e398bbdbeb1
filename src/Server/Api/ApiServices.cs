namespace OgcTiler.Server.Api;

public static class ApiServices
{
    /// <summary>Services of the TiTiler-compatible /cog and /stac endpoints.</summary>
    public static IServiceCollection AddTitilerApi(this IServiceCollection services) => services;
}
