namespace OgcTiler.Abstractions.Errors;

/// <summary>Base of the typed errors the host maps to HTTP statuses and error documents.</summary>
public abstract class OgcTilerException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A request or configuration value is wrong (HTTP 400). <see cref="Parameter"/> names it.</summary>
public sealed class InvalidParameterException(string parameter, string message)
    : OgcTilerException(message)
{
    public string Parameter { get; } = parameter;
}

/// <summary>A named thing (layer, asset, tile matrix set, file) does not exist (HTTP 404).</summary>
public sealed class ResourceNotFoundException(string message) : OgcTilerException(message);

/// <summary>The request may not read this path or URL (HTTP 403).</summary>
public sealed class AccessDeniedException(string message) : OgcTilerException(message);

/// <summary>A remote service or file failed (HTTP 424 for a failed dependency; <see cref="UpstreamStatus"/> when known).</summary>
public class UpstreamException(string message, int? upstreamStatus = null, Exception? inner = null)
    : OgcTilerException(message, inner)
{
    public int? UpstreamStatus { get; } = upstreamStatus;
}

/// <summary>A remote service did not connect, answer or send its body in time (HTTP 504); the message names it and the limit.</summary>
public sealed class UpstreamTimeoutException(string message, Exception? inner = null) : UpstreamException(message, null, inner);

/// <summary>A raster is corrupt, truncated or uses something unsupported; the message names the file and the problem.</summary>
public sealed class RasterFormatException(string uri, string problem, Exception? inner = null)
    : OgcTilerException($"{uri}: {problem}", inner)
{
    public string Uri { get; } = uri;

    public string Problem { get; } = problem;
}
