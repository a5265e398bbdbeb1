#!/usr/bin/env bash
# PNG sizes of MapServer (map2img from Debian mapserver-bin 8.0) for every 8th tile of the benchmark list, same
# picture as the load benchmark (B04, SCALE=0,6000, nearest, EPSG:3857 256x256), with its default PNG (AGG/PNG,
# zlib 6) and with COMPRESSION=1, next to OgcTiler's sizes from run.sh (DATA_DIR/sizes.txt).
#
#   bench/load/mapserver-sizes.sh [DATA_DIR]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DATA=$(cd "${1:-$ROOT/bench/load/data}" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
write_map() { # $1 = extra FORMATOPTION line
  cat <<MAPFILE
MAP
  SIZE 256 256
  EXTENT 0 0 1 1
  IMAGETYPE "png"
  PROJECTION "init=epsg:3857" END
  OUTPUTFORMAT NAME "png" DRIVER "AGG/PNG" MIMETYPE "image/png" IMAGEMODE RGB EXTENSION "png" $1 END
  LAYER
    NAME "b04" TYPE RASTER STATUS DEFAULT
    DATA "$DATA/s2/S2B_36RTT_20240414_0_L2A/B04.tif"
    PROJECTION "init=epsg:32636" END
    PROCESSING "SCALE=0,6000"
    PROCESSING "RESAMPLE=NEAREST"
  END
END
MAPFILE
}
write_map "" > "$WORK/default.map"
write_map 'FORMATOPTION "COMPRESSION=1"' > "$WORK/z1.map"
n=0; ours=0; ms=0; ms1=0
while read -r z x y minx miny maxx maxy; do
  n=$((n + 1))
  (( n % 8 == 1 )) || continue
  map2img -m "$WORK/default.map" -e "$minx" "$miny" "$maxx" "$maxy" -o "$WORK/d.png" >/dev/null 2>&1
  map2img -m "$WORK/z1.map" -e "$minx" "$miny" "$maxx" "$maxy" -o "$WORK/z1.png" >/dev/null 2>&1
  ours=$((ours + $(sed -n "${n}p" "$DATA/sizes.txt")))
  ms=$((ms + $(stat -c %s "$WORK/d.png"))); ms1=$((ms1 + $(stat -c %s "$WORK/z1.png")))
done < "$DATA/tiles.txt"
count=$(( (n + 7) / 8 ))
echo "tiles compared: $count"
echo "MapServer default PNG (zlib 6): mean $((ms / count)) B"
echo "MapServer COMPRESSION=1:        mean $((ms1 / count)) B"
echo "OgcTiler:                       mean $((ours / count)) B"
