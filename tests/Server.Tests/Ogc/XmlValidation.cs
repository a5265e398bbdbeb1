using OgcTiler.TestSupport;

namespace OgcTiler.Server.Tests.Ogc;

/// <summary>Validates documents against the offline OGC schemas in /work/shared/ogc-schemas with xmllint (libxml2-utils).</summary>
internal static class XmlValidation
{
    public static string SchemaRoot { get; } = FindSchemas();

    /// <summary>Validates against an XSD (path relative to the schema root); returns xmllint's messages when invalid.</summary>
    public static void AssertValidXsd(byte[] document, string schema) =>
        Run(document, "--schema", Path.Combine(SchemaRoot, schema));

    /// <summary>Validates against the DOCTYPE's DTD, resolved offline through the schemas' XML catalog.</summary>
    public static void AssertValidDtd(byte[] document) => Run(document, "--valid");

    private static void Run(byte[] document, params string[] args)
    {
        var file = Path.Combine(Path.GetTempPath(), $"ogc-{Guid.NewGuid():N}.xml");
        File.WriteAllBytes(file, document);
        try
        {
            var environment = new Dictionary<string, string> { ["XML_CATALOG_FILES"] = Path.Combine(SchemaRoot, "catalog.xml") };
            var result = ExternalProcess.RunAsync("xmllint", ["--nonet", "--noout", .. args, file], environment: environment).GetAwaiter().GetResult();
            Assert.True(result.Exit == 0, $"xmllint {string.Join(' ', args)} failed:\n{result.Error}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Unpacks tests/data/ogc/ogc-schemas.tar.gz once per test run.</summary>
    private static string FindSchemas()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"ogctiler-schemas-{Environment.ProcessId}");
        if (!File.Exists(Path.Combine(folder, "catalog.xml")))
        {
            Directory.CreateDirectory(folder);
            using var archive = File.OpenRead(TestSupport.RepoPaths.Data("ogc", "ogc-schemas.tar.gz"));
            using var gzip = new System.IO.Compression.GZipStream(archive, System.IO.Compression.CompressionMode.Decompress);
            System.Formats.Tar.TarFile.ExtractToDirectory(gzip, folder, overwriteFiles: true);
        }
        return folder;
    }
}
