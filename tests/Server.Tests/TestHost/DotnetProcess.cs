using System.Diagnostics;

namespace OgcTiler.Server.Tests.TestHost;

/// <summary>Runs <c>dotnet</c> with arguments to its end within a bound, killing it past the bound.</summary>
internal static class DotnetProcess
{
    public static async Task<(int Exit, string Output, string Error)> RunAsync(string? workingDirectory, TimeSpan bound, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory is not null)
            start.WorkingDirectory = workingDirectory;
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(bound);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await output, await error);
    }
}
