using OgcTiler.Abstractions.Errors;

namespace OgcTiler.Server.Errors;

/// <summary>Turns exceptions into <c>application/problem+json</c> with the status of <see cref="ErrorMapping"/>.</summary>
internal sealed class ProblemMiddleware(RequestDelegate next, ILogger<ProblemMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (!context.Response.HasStarted)
        {
            if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
                return;
            var status = TitilerStatus.Applies(context.Request.Path) ? TitilerStatus.StatusCode(exception) : ErrorMapping.StatusCode(exception);
            if (status >= 500)
                logger.LogError(exception, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
            var invalid = exception as InvalidParameterException;
            await WriteAsync(context, status, exception is OgcTilerException ? exception.Message : "internal error (see the server log)",
                invalid?.Parameter, invalid is null ? null : ErrorMapping.Title(StatusCodes.Status400BadRequest));
        }
    }

    public static Task WriteAsync(HttpContext context, int status, string detail, string? parameter = null, string? title = null)
    {
        context.Response.Clear();
        context.Response.StatusCode = status;
        var problem = new Dictionary<string, object?>
        {
            ["type"] = "about:blank",
            ["title"] = title ?? ErrorMapping.Title(status),
            ["status"] = status,
            ["detail"] = detail,
            ["instance"] = context.Request.Path.Value,
        };
        if (parameter is not null)
            problem["parameter"] = parameter;
        return context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }
}
