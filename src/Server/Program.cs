using OgcTiler.Server.Api;
using OgcTiler.Server.Ogc;
using OgcTiler.Server.Plugins;
using OgcTiler.Server.Routing;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddOgcTilerPlugins(builder.Configuration);
builder.Services.AddOgcServices();
builder.Services.AddTitilerApi();
var app = builder.Build();
app.MapOgcTiler();
app.Run();
