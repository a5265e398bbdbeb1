#!/usr/bin/env bash
# Installs the locked Leaflet package with npm and copies its distribution files (unchanged) and licence into
# assets/leaflet, which Server.csproj embeds. Run after changing the version in package.json; commit the result.
# The build itself never runs npm: `dotnet run` needs only the .NET SDK.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here/package.json" "$here/package-lock.json" "$work/"
npm --prefix "$work" ci --no-audit --no-fund --loglevel=error
dist="$work/node_modules/leaflet/dist"
out="$here/assets/leaflet"
rm -rf "$out"
mkdir -p "$out/images"
cp "$dist/leaflet.js" "$dist/leaflet.css" "$out/"
cp "$dist"/images/*.png "$out/images/"
cp "$work/node_modules/leaflet/LICENSE" "$out/LICENSE"
echo "leaflet $(node -p "require('$work/node_modules/leaflet/package.json').version") copied to $out"
