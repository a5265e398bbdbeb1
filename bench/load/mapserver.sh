#!/usr/bin/env bash
# MapServer's side of the same-run comparison (issue 13): MapServer 8 (Debian cgi-mapserver) as FastCGI with 2
# processes (spawn-fcgi) behind nginx, serving the load benchmark's picture (B04, SCALE=0,6000, nearest, EPSG:3857
# 256x256) as WMS 1.1.1 GetMap with FORMATOPTION COMPRESSION=1 (zlib 1, its fastest PNG), measured with the same
# tile list and wrk settings as run.sh.
#
#   bench/load/mapserver.sh [DATA_DIR]     (DATA_DIR as for run.sh, which makes the data)
#
# Env: DURATION (30s), CONNECTIONS (4), PORT (5098; FastCGI on PORT + 100), PROCESSES (2), ZLIB (1).
# Needs: apt-get install cgi-mapserver spawn-fcgi nginx wrk
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DATA=$(cd "${1:-$ROOT/bench/load/data}" && pwd)
DURATION=${DURATION:-30s} CONNECTIONS=${CONNECTIONS:-4} PORT=${PORT:-5098} PROCESSES=${PROCESSES:-2} ZLIB=${ZLIB:-1}
WORK=$(mktemp -d)
cat > "$WORK/b04.map" <<MAPFILE
MAP
  SIZE 256 256
  EXTENT -20037508.34 -20037508.34 20037508.34 20037508.34
  IMAGETYPE "png"
  PROJECTION "init=epsg:3857" END
  OUTPUTFORMAT NAME "png" DRIVER "AGG/PNG" MIMETYPE "image/png" IMAGEMODE RGB EXTENSION "png" FORMATOPTION "COMPRESSION=$ZLIB" END
  WEB METADATA "wms_enable_request" "*" "wms_srs" "EPSG:3857" "wms_title" "b04" END END
  LAYER
    NAME "b04" TYPE RASTER STATUS ON
    DATA "$DATA/s2/S2B_36RTT_20240414_0_L2A/B04.tif"
    PROJECTION "init=epsg:32636" END
    METADATA "wms_title" "b04" END
    PROCESSING "SCALE=0,6000"
    PROCESSING "RESAMPLE=NEAREST"
  END
END
MAPFILE
cat > "$WORK/mapserver.conf" <<MSCONFIG
CONFIG
  ENV MS_MAPFILE "$WORK/b04.map" END
END
MSCONFIG
cat > "$WORK/nginx.conf" <<NGINX
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 256; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$PORT;
    location /mapserv {
      fastcgi_pass 127.0.0.1:$((PORT + 100));
      fastcgi_keep_conn on;
      include /etc/nginx/fastcgi_params;
    }
  }
}
NGINX
MAPSERVER_CONFIG_FILE=$WORK/mapserver.conf spawn-fcgi -a 127.0.0.1 -p $((PORT + 100)) -F "$PROCESSES" -P "$WORK/fcgi.pid" -- /usr/lib/cgi-bin/mapserv >/dev/null
nginx -c "$WORK/nginx.conf"
trap 'nginx -c "$WORK/nginx.conf" -s stop; fuser -s -k -n tcp $((PORT + 100)); rm -rf "$WORK"' EXIT
export PATH_TEMPLATE='/mapserv?SERVICE=WMS&VERSION=1.1.1&REQUEST=GetMap&LAYERS=b04&STYLES=&SRS=EPSG:3857&BBOX={bbox}&WIDTH=256&HEIGHT=256&FORMAT=image/png'
first=$(head -1 "$DATA/tiles.txt")
read -r _ _ _ minx miny maxx maxy <<<"$first"
for _ in {1..20}; do curl -sf -o "$WORK/check.png" "http://127.0.0.1:$PORT${PATH_TEMPLATE//\{bbox\}/$minx,$miny,$maxx,$maxy}" && break; sleep 0.5; done
file "$WORK/check.png" | grep -q PNG || { echo "mapserver.sh: MapServer did not answer a PNG (see $WORK/nginx-error.log)" >&2; exit 1; }
TILES="$DATA/tiles.txt" wrk -t2 -c"$CONNECTIONS" -d10s -s "$ROOT/bench/load/tiles.lua" "http://127.0.0.1:$PORT" >/dev/null
TILES="$DATA/tiles.txt" wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$ROOT/bench/load/tiles.lua" "http://127.0.0.1:$PORT"
uptime
