#!/bin/sh
# A small uint8 COG in UTM zone 1N whose footprint crosses the antimeridian (180° lies near x = 166 km), as TiTiler's
# cog_dateline.tif: 32x32 pixels of 5 km from x 100000 to 260000, y 0 to 160000.
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
/usr/bin/python3 - "$tmp/values.tif" <<'PY'
import sys
from osgeo import gdal
import numpy as np
y, x = np.mgrid[0:32, 0:32]
ds = gdal.GetDriverByName("GTiff").Create(sys.argv[1], 32, 32, 1, gdal.GDT_Byte)
ds.GetRasterBand(1).WriteArray((x * 4 + y).astype(np.uint8))
PY
gdal_translate -q -of COG -co COMPRESS=DEFLATE -co OVERVIEWS=NONE -a_srs EPSG:32601 -a_ullr 100000 160000 260000 0 "$tmp/values.tif" dateline.tif
rm -r "$tmp"
