# The SmeAi silo. Built by docker-compose.yml; the build context is the repository root.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Build.targets Directory.Packages.props .editorconfig ./
COPY build/ build/
COPY silo-config/ silo-config/
COPY src/ src/
RUN dotnet publish src/SmeAi.Silo/SmeAi.Silo.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
ENV DOTNET_ENVIRONMENT=Production
EXPOSE 8080 11111 30000
USER app
ENTRYPOINT ["dotnet", "SmeAi.Silo.dll"]
