#!/bin/sh
# Whole-world EPSG:4326 Float64 COGs (-180..180 and 0..360 longitudes, nodata -9999.5) and gdalwarp's
# WebMercatorQuad tiles of them at zooms 0 and 1 (nearest, 256x256, Float32 raw with -9999.5 where no data).
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
/usr/bin/python3 - "$tmp/values.tif" <<'PY'
import sys
from osgeo import gdal
import numpy as np
w, h = 72, 36
y, x = np.mgrid[0:h, 0:w]
values = (x * 7 + y * 3).astype(np.float64) + 0.25
values[0:2, 10:14] = -9999.5  # a few nodata pixels near the pole
ds = gdal.GetDriverByName("GTiff").Create(sys.argv[1], w, h, 1, gdal.GDT_Float64)
ds.GetRasterBand(1).WriteArray(values)
ds.GetRasterBand(1).SetNoDataValue(-9999.5)
PY
gdal_translate -q -of COG -co COMPRESS=DEFLATE -co OVERVIEWS=NONE -a_srs EPSG:4326 -a_ullr -180 90 180 -90 "$tmp/values.tif" world-180.tif
gdal_translate -q -of COG -co COMPRESS=DEFLATE -co OVERVIEWS=NONE -a_srs EPSG:4326 -a_ullr 0 90 360 -90 "$tmp/values.tif" world-360.tif
e=20037508.342789244
for name in world-180 world-360; do
  for tile in 0/0/0 1/0/0 1/1/0 1/0/1 1/1/1; do
    z=${tile%%/*}; rest=${tile#*/}; x=${rest%%/*}; yy=${rest#*/}
    size=$(python3 -c "print(2*$e/2**$z)")
    minx=$(python3 -c "print(-$e+$x*$size)"); maxx=$(python3 -c "print(-$e+($x+1)*$size)")
    maxy=$(python3 -c "print($e-$yy*$size)"); miny=$(python3 -c "print($e-($yy+1)*$size)")
    gdalwarp -q -overwrite -t_srs EPSG:3857 -te "$minx" "$miny" "$maxx" "$maxy" -ts 256 256 -r near \
      -ot Float32 -dstnodata -9999.5 "$name.tif" "$tmp/t.tif"
    gdal_translate -q -of ENVI "$tmp/t.tif" "$tmp/t.raw"
    gzip -n -9 -c "$tmp/t.raw" > "$name-$z-$x-$yy.f32.gz"
  done
done
rm -rf "$tmp"
