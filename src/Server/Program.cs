using OgcTiler.Server;
using OgcTiler.Server.Api;
using OgcTiler.Server.Configuration;
using OgcTiler.Server.Ogc;
using OgcTiler.Server.Plugins;
using OgcTiler.Server.Routing;

var builder = WebApplication.CreateBuilder(args);
builder.AddOgcTilerConfiguration(args);
builder.Services.AddOgcTilerServer();
builder.Services.AddOgcTilerPlugins(builder.Configuration);
builder.Services.AddOgcServices();
builder.Services.AddTitilerApi();
var app = builder.Build();
app.UseOgcTilerHttp();
app.MapOgcTiler();
app.PrintUrlsOnStart();
app.Run();
