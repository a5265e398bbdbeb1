-- wrk script: requests the benchmark tile list (TILES=path of tiles.py output) round robin, each thread starting at
-- a different offset. URL template: PATH_TEMPLATE with {z} {x} {y} and {bbox} (the tile's EPSG:3857 minx,miny,maxx,maxy)
-- (default the b04 layer's WebMercatorQuad PNG).
local tiles = {}
local template = os.getenv("PATH_TEMPLATE") or "/layers/b04/tiles/WebMercatorQuad/{z}/{x}/{y}.png"
for line in io.lines(os.getenv("TILES")) do
  local z, x, y, minx, miny, maxx, maxy = line:match("^(%d+) (%d+) (%d+) (%S+) (%S+) (%S+) (%S+)")
  if z then
    local bbox = minx .. "," .. miny .. "," .. maxx .. "," .. maxy
    tiles[#tiles + 1] = template:gsub("{z}", z):gsub("{x}", x):gsub("{y}", y):gsub("{bbox}", bbox)
  end
end

local counter = 0
local threads = 0

function setup(thread)
  thread:set("offset", threads * 211)
  threads = threads + 1
end

function init(args)
  counter = offset or 0
end

function request()
  counter = counter + 1
  return wrk.format("GET", tiles[(counter % #tiles) + 1])
end
