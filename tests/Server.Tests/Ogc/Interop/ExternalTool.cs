using System.Diagnostics;

namespace OgcTiler.Server.Tests.Ogc.Interop;

/// <summary>Runs a client program (gdalinfo, python, node) and fails the test with its output when it exits non-zero.</summary>
internal static class ExternalTool
{
    public static async Task<string> RunAsync(string program, params string[] args)
    {
        var (exitCode, stdout, stderr) = await RunUncheckedAsync(program, args);
        Assert.True(exitCode == 0, $"{program} {string.Join(' ', args)} exited {exitCode}:\n{stderr}\n{stdout}");
        return stdout;
    }

    /// <summary>Exit code, standard output and standard error; a program that does not start fails the test.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunUncheckedAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
            start.ArgumentList.Add(a);
        start.Environment["GDAL_HTTP_TIMEOUT"] = "20";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
