using Microsoft.Extensions.Logging.Console;
using OgcTiler.Server;
using OgcTiler.Server.Api;
using OgcTiler.Server.Configuration;
using OgcTiler.Server.Ogc;
using OgcTiler.Server.Operations;
using OgcTiler.Server.Plugins;
using OgcTiler.Server.Routing;

if (args is ["seed", .. var seedArgs])
    return await OgcTiler.Server.Seeding.SeedCommand.RunAsync(seedArgs);
var checkOnly = args.Contains(ConfigCheck.Flag);
args = [.. args.Where(a => a != ConfigCheck.Flag)];
try
{
    var builder = WebApplication.CreateBuilder(args);
    if (checkOnly) // the verdict alone on standard output, the log on standard error
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    builder.AddOgcTilerConfiguration(args);
    builder.Services.AddOgcTilerServer();
    builder.Services.AddOgcTilerPlugins();
    builder.Services.AddHostedService<DatedFilesStartCheck>(); // after the plugin directory's start
    builder.Services.AddOgcServices();
    builder.Services.AddTitilerApi();
    builder.Services.AddOgcTilerOperations();
    var app = builder.Build();
    if (checkOnly)
        return ConfigCheck.Report(app);
    app.UseOgcTilerHttp();
    app.UseTitilerHttp();
    app.MapOgcTiler();
    app.PrintUrlsOnStart();
    app.Run();
    return 0;
}
catch (ConfigurationException e) when (System.Reflection.Assembly.GetEntryAssembly() == typeof(Program).Assembly)
{
    // Run as the server (not inside a test host, which wants the exception): the errors alone, no stack trace.
    Console.Error.WriteLine(e.Message);
    return 1;
}
