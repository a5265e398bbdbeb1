#!/usr/bin/env bash
# Makes GeoTIFFs whose GeoKeys describe a user-defined CRS (ProjectedCSTypeGeoKey = 32767), as GDAL writes them for a
# PROJ string that matches no EPSG code, and the WGS 84 longitude/latitude of some of their pixel corners by cs2cs
# (user_defined.tsv: file, column, row, longitude, latitude). Needs gdal-bin and proj-bin.
# Run from anywhere: bash tests/data/crs/make_user_defined.sh
set -euo pipefail
export GDAL_PAM_ENABLED=NO
cd "$(dirname "$0")"
rm -rf user_defined && mkdir user_defined
: > user_defined.tsv

# name | PROJ string | upper-left x y | lower-right x y (16x16 pixels)
while IFS='|' read -r name proj ulx uly lrx lry; do
  gdal_create -q -of GTiff -outsize 16 16 -bands 1 -burn 7 -co COMPRESS=DEFLATE \
    -a_ullr $ulx $uly $lrx $lry -a_srs "$proj" "user_defined/$name.tif"
  for px in "0 0" "16 0" "0 16" "16 16" "5 11"; do
    set -- $px
    x=$(echo "$ulx + $1 * ($lrx - $ulx) / 16" | bc -l)
    y=$(echo "$uly + $2 * ($lry - $uly) / 16" | bc -l)
    echo "$x $y" | cs2cs -f %.10f "$proj" +to EPSG:4326 2>/dev/null \
      | awk -v n="$name" -v c="$1" -v r="$2" '{ printf "%s\t%s\t%s\t%s\t%s\n", n, c, r, $2, $1 }' >> user_defined.tsv
  done
done <<'LIST'
tm_wgs84|+proj=tmerc +lat_0=0 +lon_0=10 +k=0.9996 +x_0=500000 +y_0=0 +datum=WGS84 +units=m +no_defs|400000|5000000|500000|4900000
tm_nad83_origin|+proj=tmerc +lat_0=40.5 +lon_0=-100.25 +k=0.9999 +x_0=200000 +y_0=-100000 +datum=NAD83 +units=m +no_defs|150000|-50000|260000|-160000
LIST
# Not supported yet: the error names the projection method key.
gdal_create -q -of GTiff -outsize 16 16 -bands 1 -burn 7 -a_ullr -100000 100000 100000 -100000 \
  -a_srs '+proj=aea +lat_1=29.5 +lat_2=45.5 +lat_0=23 +lon_0=-96 +x_0=0 +y_0=0 +datum=NAD83 +units=m +no_defs' user_defined/aea_nad83.tif
