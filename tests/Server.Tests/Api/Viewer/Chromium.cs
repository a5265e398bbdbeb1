using PuppeteerSharp;

namespace OgcTiler.Server.Tests.Api.Viewer;

/// <summary>
/// Debian's headless Chromium (package <c>chromium</c>, installed by .ci/run) driven through PuppeteerSharp, with every
/// request that is not to a loopback address refused twice over: by the page's request interception (which records
/// it) and by the browser's own resolver and proxy rules.
/// </summary>
internal static class Chromium
{
    public static string? Path { get; } = new[] { "chromium", "chromium-browser" }
        .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(dir => System.IO.Path.Combine(dir, name)))
        .FirstOrDefault(File.Exists);

    public static Task<IBrowser> LaunchAsync() => Puppeteer.LaunchAsync(new LaunchOptions
    {
        ExecutablePath = Path ?? throw new InvalidOperationException("chromium is not installed: apt-get install chromium"),
        Headless = true,
        Timeout = 60_000,
        Args =
        [
            "--no-sandbox", // the tests run as root
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--host-resolver-rules=\"MAP * ~NOTFOUND, EXCLUDE 127.0.0.1\"", // quoted: the launcher joins the arguments with spaces
            "--proxy-server=http://127.0.0.1:9", // IP literals too go nowhere; loopback is never proxied
        ],
    });

    public static bool IsLocal(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme is "data" or "blob" or "about" || uri.IsLoopback);
}

/// <summary>A test that needs Chromium: skipped where it is not installed, except in CI (CI=true), where it must run.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Path is null && Environment.GetEnvironmentVariable("CI") != "true")
            Skip = "chromium is not installed (apt-get install chromium; .ci/run installs it)";
    }
}
