#!/usr/bin/env bash
# Installs the locked Leaflet, proj4 and proj4leaflet packages with npm and copies their distribution files (unchanged)
# and licences into assets/leaflet, assets/proj4 and assets/proj4leaflet, which Server.csproj embeds. Run after
# changing a version in package.json; commit the result.
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
for package in proj4 proj4leaflet; do
  rm -rf "$here/assets/$package"
  mkdir -p "$here/assets/$package"
done
cp "$work/node_modules/proj4/dist/proj4.js" "$here/assets/proj4/"
cp "$work/node_modules/proj4/LICENSE.md" "$here/assets/proj4/LICENSE"
cp "$work/node_modules/proj4leaflet/src/proj4leaflet.js" "$work/node_modules/proj4leaflet/LICENSE" "$here/assets/proj4leaflet/"
for package in leaflet proj4 proj4leaflet; do
  echo "$package $(node -p "require('$work/node_modules/$package/package.json').version") copied to $here/assets/$package"
done
