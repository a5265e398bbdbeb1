#!/bin/sh
# Regenerates the warp golden fixtures: small source rasters (stored per level as raw arrays) and gdalwarp outputs
# for tiles of several TileMatrixSets. Needs Debian gdal-bin and python3-gdal + python3-numpy (/usr/bin/python3).
# Usage: tests/data/warp/make-goldens.sh   (writes next to this script; deterministic)
set -eu
cd "$(dirname "$0")"
exec /usr/bin/python3 make_goldens.py
