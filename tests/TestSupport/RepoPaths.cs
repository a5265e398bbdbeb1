namespace OgcTiler.TestSupport;

/// <summary>Locates the repository's folders from a test's output directory.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string TestData => Path.Combine(Root, "tests", "data");

    public static string Config => Path.Combine(Root, "config");

    public static string Data(params string[] parts) => Path.Combine([TestData, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OgcTiler.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("OgcTiler.sln not found above " + AppContext.BaseDirectory);
    }
}
