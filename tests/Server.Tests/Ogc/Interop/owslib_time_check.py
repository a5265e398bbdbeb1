"""OWSLib against a time-enabled layer: WMS 1.3.0 and 1.1.1 capabilities give the time dimension (values, default);
WMTS capabilities parse (OWSLib 0.27 keeps no WMTS Dimension) and GetTile passes Time as a KVP parameter.
Prints one line per check; args: base URL, layer, WebMercatorQuad z14 row and column of a tile over the data."""
import hashlib
import sys

from owslib.wms import WebMapService
from owslib.wmts import WebMapTileService

base, layer_id, row, col = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
PNG = b"\x89PNG\r\n\x1a\n"

dimension = WebMapService(base + "/wms", version="1.3.0").contents[layer_id].dimensions["time"]
print("wms 1.3.0 time", dimension["default"], ",".join(dimension["values"]))
layer111 = WebMapService(base + "/wms", version="1.1.1").contents[layer_id]
print("wms 1.1.1 time", layer111.defaulttimeposition, ",".join(layer111.timepositions))

wmts = WebMapTileService(base + "/wmts?SERVICE=WMTS&REQUEST=GetCapabilities")
for time in sys.argv[5:]:
    tile = wmts.gettile(layer=layer_id, tilematrixset="WebMercatorQuad", tilematrix="14", row=row, column=col,
                        format="image/png", style="default", Time=time)
    data = tile.read()
    assert data[:8] == PNG, data[:200]
    print("wmts tile", time, hashlib.sha256(data).hexdigest())
