#!/bin/sh
# Regenerates the mask / sample-type fixtures and their gdalwarp outputs. Needs Debian gdal-bin, python3-gdal and
# python3-numpy (/usr/bin/python3). Usage: tests/data/masks/make-masks.sh  (writes next to this script)
set -eu
cd "$(dirname "$0")"
rm -rf files warped refused
exec /usr/bin/python3 make_masks.py
