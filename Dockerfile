# OgcTiler: docker build -t ogctiler . && docker run -p 8080:8080 ogctiler
# Serves the demo layers of config/ogctiler.json; mount your own with -v /srv/ogctiler/config:/srv/ogctiler/config
# (and your data where its Sources:AllowedRoots point).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Server -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
RUN apt-get update && apt-get install -y --no-install-recommends curl liblerc4 fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
COPY --from=build /app /app
COPY config /srv/ogctiler/config
COPY data/demo /srv/ogctiler/data/demo
WORKDIR /srv/ogctiler
USER $APP_UID
ENV ASPNETCORE_HTTP_PORTS=8080 Logging__Console__FormatterName=json
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["dotnet", "/app/OgcTiler.Server.dll"]
