#!/usr/bin/python3
"""Regenerates the cs2cs reference values the CRS tests compare against (needs cs2cs and projinfo, Debian proj-bin).

tms_grids.tsv : code lon lat x y      WGS 84 lon/lat -> the CRS of a standard TileMatrixSet, x/y east/north order,
                                      on a grid over the part of the world the set covers.
methods.tsv   : code base xin yin xout yout   a grid per projection method OgcTiler implements itself (and a Paris/grad
                                      case), from the base geographic CRS (x=lon, y=lat in degrees from its prime meridian,
                                      as cs2cs prints them whatever the CRS's angular unit) -> the projected CRS.
datum.tsv     : code lon lat lon' lat'       WGS 84 -> a geographic CRS whose row carries a TOWGS84 Helmert shift, with cs2cs
                                      given the same shift as a PROJ string (projinfo --boundcrs-to-wgs84 -o PROJ).
sampled.tsv   : code base xin yin xout yout   every 20th projected row of config/crs/epsg.tsv.gz: points of its
                                      area of use, from its base geographic CRS -> the projected CRS.

Usage: /usr/bin/python3 tests/data/crs/make_reference.py
"""
import gzip
import json
import os
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
TABLE = os.path.join(HERE, "..", "..", "..", "config", "crs", "epsg.tsv.gz")

# CRS of each standard TileMatrixSet (plus the common polar ones) -> lon/lat box to sample
TMS_BOXES = {
    3857: (-180, -85, 180, 85), 3395: (-180, -80, 180, 84), 32631: (-6, -80, 12, 84), 3035: (-30, 25, 45, 75),
    5041: (-180, 60, 180, 90), 5042: (-180, -90, 180, -60), 5482: (-180, -90, 180, -60), 3031: (-180, -90, 180, -60),
    3413: (-180, 60, 180, 90), 3978: (-141, 40, -52, 84), 2193: (166, -48, 179, -34),
}
GRID = 7
# projection methods implemented in OgcTiler (Crs/Projections), from their base geographic CRS; lon/lat box in WGS 84
METHOD_BOXES = {
    24200: (-78.4, 17.7, -76.2, 18.6),   # Lambert Conic Conformal (1SP), JAD69 / Jamaica National Grid
    2062: (-9.4, 35.9, 3.3, 43.8),       # LCC 1SP, Madrid 1870 (Madrid) / Spain
    3031: (-180, -90, 180, -60), 3413: (-180, 60, 180, 90), 5041: (-180, 60, 180, 90), 32761: (-180, -90, 180, -60),
}


def table():
    rows = {}
    with gzip.open(TABLE, "rt", encoding="utf-8") as f:
        for line in f:
            code, nf, bbox, name, wkt = line.rstrip("\n").split("\t")
            rows[int(code)] = (nf == "1", [float(v) for v in bbox.split(",")] if bbox else None, wkt)
    return rows


def cs2cs(source, target, points):
    """points in the source's authority axis order; returns target values in authority order (None where it fails)."""
    text = "".join(f"{a!r} {b!r}\n" for a, b in points)
    out = subprocess.run(["cs2cs", "-f", "%.10f", source, target], input=text, capture_output=True, text=True, check=True).stdout
    result = []
    for line in out.splitlines():
        v = line.split()
        result.append(None if "*" in line else (float(v[0]), float(v[1])))
    return result


def east_north(nf, p):
    return (p[1], p[0]) if nf else p


def grid(box, n):
    w, s, e, nn = box
    return [(w + (e - w) * i / (n - 1), s + (nn - s) * j / (n - 1)) for j in range(n) for i in range(n)]


def tms_grids(rows):
    lines = []
    for code, box in TMS_BOXES.items():
        pts = grid(box, GRID)
        out = cs2cs("EPSG:4326", f"EPSG:{code}", [(lat, lon) for lon, lat in pts])
        for (lon, lat), r in zip(pts, out):
            if r is not None:
                x, y = east_north(rows[code][0], r)
                lines.append(f"{code}\t{lon!r}\t{lat!r}\t{x:.4f}\t{y:.4f}\n")
    return lines


def base_code(code):
    out = subprocess.run(["projinfo", "-o", "PROJJSON", "-q", f"EPSG:{code}"], capture_output=True, text=True, check=True).stdout
    return json.loads(out)["base_crs"]["id"]["code"]


def from_base(rows, code, wgs):
    """Points given as WGS 84 lon/lat, moved into the base geographic CRS, then projected there by cs2cs."""
    base = base_code(code)
    if base not in rows:
        return []
    nf = rows[code][0]
    base_nf = rows[base][0]
    inputs = cs2cs("EPSG:4326", f"EPSG:{base}", [(lat, lon) for lon, lat in wgs])
    inputs = [p for p in inputs if p is not None]
    outputs = cs2cs(f"EPSG:{base}", f"EPSG:{code}", inputs)
    lines = []
    for p, r in zip(inputs, outputs):
        if r is not None:
            xin, yin = east_north(base_nf, p)
            x, y = east_north(nf, r)
            lines.append(f"{code}\t{base}\t{xin!r}\t{yin!r}\t{x:.4f}\t{y:.4f}\n")
    return lines


def methods(rows):
    return [line for code, box in METHOD_BOXES.items() for line in from_base(rows, code, grid(box, GRID))]


def sampled(rows):
    projected = [c for c in sorted(rows) if not rows[c][2].startswith("GEOGCS[")]
    lines = []
    for code in projected[::20]:
        bbox = rows[code][1]
        if bbox is None:
            continue
        w, s, e, n = bbox
        if e < w:
            e += 360
        wgs = [(w + (e - w) * fx, s + (n - s) * fy) for fx, fy in ((0.5, 0.5), (0.25, 0.25), (0.75, 0.75), (0.25, 0.75))]
        lines += from_base(rows, code, [((lon + 180) % 360 - 180, lat) for lon, lat in wgs])
    return lines


# geographic CRSs with a Helmert shift to WGS 84 (7 parameters): DHDN, Pulkovo 1942
DATUM_CODES = (4314, 4284)


def datum(rows):
    lines = []
    for code in DATUM_CODES:
        w, s, e, n = rows[code][1]
        e = e + 360 if e < w else e
        pts = [((lon + 180) % 360 - 180, lat) for lon, lat in grid((w + (e - w) / 4, s + (n - s) / 4, e - (e - w) / 4, n - (n - s) / 4), 3)]
        proj = subprocess.run(["projinfo", "-o", "PROJ", "-q", "--boundcrs-to-wgs84", f"EPSG:{code}"],
                              capture_output=True, text=True, check=True).stdout.strip()
        assert "+towgs84=" in proj, proj
        out = subprocess.run(["cs2cs", "-f", "%.10f", "+proj=longlat +datum=WGS84 +type=crs", "+to", proj],
                             input="".join(f"{lon!r} {lat!r}\n" for lon, lat in pts), capture_output=True, text=True, check=True).stdout
        for (lon, lat), line in zip(pts, out.splitlines()):
            v = line.split()
            lines.append(f"{code}\t{lon!r}\t{lat!r}\t{v[0]}\t{v[1]}\n")
    return lines


def main():
    rows = table()
    for name, lines in (("tms_grids.tsv", tms_grids(rows)), ("methods.tsv", methods(rows)), ("datum.tsv", datum(rows)),
                        ("sampled.tsv", sampled(rows))):
        with open(os.path.join(HERE, name), "w") as f:
            f.writelines(lines)
        print(f"{len(lines)} points written to {name}")


if __name__ == "__main__":
    main()
