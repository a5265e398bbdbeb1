#!/usr/bin/env bash
# Load benchmark of OgcTiler against the shared benchmark file and tile list, at the server's default configuration
# apart from the rendered-tile cache, which is off (issue 13 targets: 3x MapServer in the same run, p99 < 10 ms, peak
# RSS < 1 GiB).
#
#   bench/load/run.sh [DATA_DIR]      DATA_DIR defaults to bench/load/data (git-ignored; ~600 MB once generated)
#
# Env: MAKE_S2 / TILES_PY (default /work/shared/bench/...), DURATION (30s), CONNECTIONS (4), BLOCKS_MB (block cache;
# the default's when unset), PNG_FILTER (Up), PNG_LEVEL (2), PORT (5099).
# Prints wrk's figures, the server's CPU time and managed allocations per tile (from /metrics), peak RSS and the PNG
# sizes over the whole tile list.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DATA=$(mkdir -p "${1:-$ROOT/bench/load/data}" && cd "${1:-$ROOT/bench/load/data}" && pwd)
MAKE_S2=${MAKE_S2:-/work/shared/bench/make-s2.sh}
TILES_PY=${TILES_PY:-/work/shared/bench/tiles.py}
DURATION=${DURATION:-30s} CONNECTIONS=${CONNECTIONS:-4} BLOCKS_MB=${BLOCKS_MB:-}
PNG_FILTER=${PNG_FILTER:-Up} PNG_LEVEL=${PNG_LEVEL:-2} PORT=${PORT:-5099}
B04=$DATA/s2/S2B_36RTT_20240414_0_L2A/B04.tif

[[ -f $B04 ]] || S2_DATES=2024-04-14 "$MAKE_S2" "$DATA/s2"
[[ -f $DATA/tiles.txt ]] || /usr/bin/python3 "$TILES_PY" "$B04" > "$DATA/tiles.txt"
blocks=""
[[ -z $BLOCKS_MB ]] || blocks=", \"Blocks\": { \"SizeMB\": $BLOCKS_MB }"
cat > "$DATA/bench.json" <<JSON
{
  "Sources": { "AllowedRoots": ["."] },
  "Cache": { "Tiles": { "Enabled": false }$blocks },
  "Encoding": { "Png": { "Filter": "$PNG_FILTER", "ZlibLevel": $PNG_LEVEL } },
  "Layers": [
    { "Id": "b04", "Source": { "Type": "cog", "Url": "s2/S2B_36RTT_20240414_0_L2A/B04.tif" },
      "Render": { "Bidx": [1], "Rescale": [[0, 6000]], "Resampling": "nearest" },
      "TileMatrixSets": ["WebMercatorQuad"] }
  ]
}
JSON

dotnet build -c Release "$ROOT/src/Server" -v q -nologo >/dev/null
dotnet "$ROOT/src/Server/bin/Release/net10.0/linux-x64/OgcTiler.Server.dll" --config "$DATA/bench.json" \
  --urls "http://127.0.0.1:$PORT" --Logging:LogLevel:Default=Warning >"$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null' EXIT
until curl -sf -o /dev/null "http://127.0.0.1:$PORT/layers"; do sleep 0.5; done

export PATH_TEMPLATE=${PATH_TEMPLATE:-'/layers/b04/tiles/WebMercatorQuad/{z}/{x}/{y}.png'}
tile_url() { local u=${PATH_TEMPLATE//\{z\}/$1}; u=${u//\{x\}/$2}; u=${u//\{y\}/$3}; echo "http://127.0.0.1:$PORT${u//\{bbox\}/$4,$5,$6,$7}"; }
# PNG sizes over the list (also the warm-up: every block the list needs gets decoded once)
while read -r z x y minx miny maxx maxy; do
  curl -s -o /dev/null -w '%{size_download}\n' "$(tile_url "$z" "$x" "$y" "$minx" "$miny" "$maxx" "$maxy")"
done < "$DATA/tiles.txt" > "$DATA/sizes.txt"
awk '{ s += $1; n++ } END { printf "PNG over %d tiles: mean %.0f B, total %.1f MB\n", n, s / n, s / 1e6 }' "$DATA/sizes.txt"
TILES="$DATA/tiles.txt" wrk -t2 -c"$CONNECTIONS" -d10s -s "$ROOT/bench/load/tiles.lua" "http://127.0.0.1:$PORT" >/dev/null

cpu() { awk '{ print $14 + $15 }' "/proc/$SERVER/stat"; }
allocated() { curl -s "http://127.0.0.1:$PORT/metrics" | awk '/^dotnet_gc_heap_total_allocated_bytes_total/ { print $2 }'; }
before=$(cpu) allocated_before=$(allocated)
TILES="$DATA/tiles.txt" wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$ROOT/bench/load/tiles.lua" "http://127.0.0.1:$PORT" | tee "$DATA/wrk.txt"
after=$(cpu) allocated_after=$(allocated)
requests=$(awk '/requests in/ { print $1 }' "$DATA/wrk.txt")
awk -v t=$((after - before)) -v n="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "server CPU: %.2f ms per tile\n", t / hz * 1000 / n }'
awk -v a="$allocated_before" -v b="$allocated_after" -v n="$requests" -v d="${DURATION%s}" \
  'BEGIN { printf "managed allocations: %.1f KB per tile, %.1f MB/s\n", (b - a) / n / 1024, (b - a) / d / 1048576 }'
grep VmHWM "/proc/$SERVER/status"
uptime
