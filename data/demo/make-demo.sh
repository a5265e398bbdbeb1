#!/usr/bin/env bash
# Regenerates the demo rasters of data/demo from the synthetic Sentinel-2 generator of the benchmark kit
# (make-s2.sh, GDAL + numpy). Deterministic: the generator uses fixed seeds.
#
#   data/demo/make-demo.sh            (MAKE_S2 defaults to /work/shared/bench/make-s2.sh)
#
# s2-4band.tif  B02,B03,B04,B08 uint16 reflectance*10000, nodata 0, 683x683 at 30 m in EPSG:32636 (the
#               eastern shore of Lake Qarun and the Faiyum fields), DEFLATE + predictor 2, 256x256 tiles,
#               internal overviews (AVERAGE). Made at 10 m then averaged to 30 m to keep it small.
# rgb.tif       true colour (B04,B03,B02 stretched 0..3000 to 8 bit), JPEG (YCbCr, quality 85) COG with an
#               internal mask for the nodata corner and overviews.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
MAKE_S2=${MAKE_S2:-/work/shared/bench/make-s2.sh}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# 2048 px at 10 m centred near 30.73E 29.39N (origin aligned to the 10 m grid of tile 36RTT)
S2_SIZE=2048 S2_ORIGIN_X=269460 S2_ORIGIN_Y=3263580 S2_DATES=2024-04-14 "$MAKE_S2" "$WORK/s2" >/dev/null
ITEM=$(ls -d "$WORK"/s2/*_L2A)

gdalbuildvrt -q -separate "$WORK/bands.vrt" "$ITEM/B02.tif" "$ITEM/B03.tif" "$ITEM/B04.tif" "$ITEM/B08.tif"
gdal_translate -q -tr 30 30 -r average -a_nodata 0 "$WORK/bands.vrt" "$WORK/bands20.tif"
gdal_translate -q -of COG -co COMPRESS=DEFLATE -co PREDICTOR=2 -co BLOCKSIZE=256 -co OVERVIEW_RESAMPLING=AVERAGE \
  "$WORK/bands20.tif" "$HERE/s2-4band.tif"

# RGBA: B04,B03,B02 stretched 0..3000 to 1..255, alpha 0 where the source is nodata; the COG driver turns the
# alpha band of a JPEG COG into an internal mask.
/usr/bin/python3 - "$WORK/bands20.tif" "$WORK/rgba.tif" <<'PY'
import sys
import numpy as np
from osgeo import gdal
gdal.UseExceptions()
src = gdal.Open(sys.argv[1])
bands = [src.GetRasterBand(i).ReadAsArray().astype(np.float32) for i in (3, 2, 1)]
valid = bands[0] > 0
dst = gdal.GetDriverByName("GTiff").Create(sys.argv[2], src.RasterXSize, src.RasterYSize, 4, gdal.GDT_Byte)
dst.SetGeoTransform(src.GetGeoTransform())
dst.SetProjection(src.GetProjection())
for i, b in enumerate(bands):
    dst.GetRasterBand(i + 1).WriteArray(np.clip(1 + b / 3000 * 254, 1, 255).astype(np.uint8))
dst.GetRasterBand(4).WriteArray(np.where(valid, 255, 0).astype(np.uint8))
dst.GetRasterBand(4).SetColorInterpretation(gdal.GCI_AlphaBand)
dst = None
PY
gdal_translate -q -of COG -co COMPRESS=JPEG -co QUALITY=85 -co BLOCKSIZE=256 -co OVERVIEW_RESAMPLING=AVERAGE \
  "$WORK/rgba.tif" "$HERE/rgb.tif"
ls -la "$HERE"/*.tif
