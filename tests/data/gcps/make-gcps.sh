#!/bin/sh
# Regenerates the GCP-georeferenced fixtures and their gdalwarp outputs. Needs Debian gdal-bin, python3-gdal and
# python3-numpy (/usr/bin/python3). Usage: tests/data/gcps/make-gcps.sh  (writes next to this script)
set -eu
cd "$(dirname "$0")"
rm -rf files warped
exec /usr/bin/python3 make_gcps.py
