#!/usr/bin/env bash
# Regenerates the user-defined CRS fixtures (see make_user_defined.py). Needs gdal-bin, proj-bin, python3-gdal and
# python3-numpy. Run from anywhere: bash tests/data/crs/make_user_defined.sh
set -euo pipefail
export GDAL_PAM_ENABLED=NO
cd "$(dirname "$0")"
rm -rf user_defined user_defined_refused
mkdir user_defined_refused
# a projection method OgcTiler refuses (the error names it)
gdal_create -q -of GTiff -outsize 16 16 -bands 1 -burn 7 -a_ullr -100000 100000 100000 -100000 \
  -a_srs '+proj=sinu +lon_0=0 +x_0=0 +y_0=0 +datum=WGS84 +units=m' user_defined_refused/sinu.tif
exec /usr/bin/python3 make_user_defined.py
