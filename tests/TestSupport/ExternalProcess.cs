using System.Diagnostics;

namespace OgcTiler.TestSupport;

/// <summary>What a program printed and how it ended.</summary>
public sealed record ProcessResult(int Exit, string Output, string Error);

/// <summary>
/// The one runner of the programs the tests drive (GDAL, python, node, npm, xmllint, dotnet, redis-server): both
/// streams read to the end, the program and its children killed past the bound; a server runs until disposed
/// (<see cref="Start"/>).
/// </summary>
public static class ExternalProcess
{
    private static readonly TimeSpan DefaultBound = TimeSpan.FromMinutes(2);

    public static async Task<ProcessResult> RunAsync(
        string program, IEnumerable<string> arguments, TimeSpan? bound = null, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = StartInfo(program, arguments, workingDirectory);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var limit = bound ?? DefaultBound;
        using var timeout = new CancellationTokenSource(limit);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} did not end within {limit}");
        }
        return new ProcessResult(process.ExitCode, await output, await error);
    }

    /// <summary>Starts a program that runs until the returned process is disposed (a server).</summary>
    public static RunningProcess Start(string program, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var start = StartInfo(program, arguments, workingDirectory);
        return new RunningProcess(Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start"));
    }

    private static ProcessStartInfo StartInfo(string program, IEnumerable<string> arguments, string? workingDirectory)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        if (workingDirectory is not null)
            start.WorkingDirectory = workingDirectory;
        return start;
    }

    /// <summary>The standard output; an exit code other than 0 fails with both streams.</summary>
    public static async Task<string> RunCheckedAsync(string program, params string[] arguments) =>
        Checked(program, arguments, await RunAsync(program, arguments));

    public static string Checked(string program, IEnumerable<string> arguments, ProcessResult result) =>
        result.Exit == 0
            ? result.Output
            : throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {result.Exit}:\n{result.Error}\n{result.Output}");
}
