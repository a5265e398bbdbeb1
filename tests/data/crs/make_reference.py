#!/usr/bin/python3
"""Regenerates the cs2cs reference values the CRS tests compare against (needs cs2cs and projinfo, Debian proj-bin).

tms_grids.tsv : code lon lat x y      WGS 84 lon/lat -> the CRS of a standard TileMatrixSet, x/y east/north order,
                                      on a grid over the part of the world the set covers.
methods.tsv   : code base xin yin xout yout   a grid per projection method OgcTiler implements itself (and a Paris/grad
                                      case), from the base geographic CRS (x=lon, y=lat in degrees from its prime meridian,
                                      as cs2cs prints them whatever the CRS's angular unit) -> the projected CRS.
datum.tsv     : code direction xin yin xout yout   EPSG CRSs on datums PROJ shifts to WGS 84: a grid over the area of use,
                                      WGS 84 lon/lat -> the CRS (direction 1), and those values back to WGS 84 (direction 0),
                                      each with cs2cs EPSG:n EPSG:4326 as PROJ chooses the operation per point.
sampled.tsv   : code base xin yin xout yout   every 20th projected row of config/crs/epsg.tsv.gz: points of its
                                      area of use, from its base geographic CRS -> the projected CRS.
aoi.tsv       : code west south east north x y lon lat backx backy operation
                                      the operation PROJ uses from EPSG:n to WGS 84 for an area of interest, as GDAL passes a
                                      raster's (projinfo --bbox w,s,e,n --spatial-test intersects --grid-check discard_missing:
                                      the first of the list, which proj_create_crs_to_crs returns when given an area), and a
                                      point of the area through it: cs2cs --bbox w,s,e,n EPSG:n EPSG:4326 (x y -> lon lat) and
                                      back (lon lat -> backx backy).

Usage: /usr/bin/python3 tests/data/crs/make_reference.py [datum.tsv ...]   (all files when none is named)
"""
import gzip
import json
import os
import subprocess
import sys

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
    # Hotine Oblique Mercator variant A (EPSG method 9812), over each CRS's area of use
    29874: (109.54, 0.85, 115.69, 5.03),   # Timbalai 1948 / RSO Sarawak LSD (m)
    3375: (98.02, 1.13, 105.82, 7.81),     # GDM2000 / Peninsula RSO
    3376: (109.31, 0.85, 119.61, 7.67),    # GDM2000 / East Malaysia BRSO
    5247: (112.37, 4.01, 115.37, 6.31),    # GDBD2009 / Brunei BRSO
    3168: (99.59, 1.21, 104.6, 6.72),      # Kertau (RSO) / RSO Malaya (m)
    3078: (-90.42, 41.69, -82.13, 48.32),  # NAD83 / Michigan Oblique Mercator
    26931: (-141, 54.61, -129.99, 60.35),  # NAD83 / Alaska zone 1
    6841: (-124.84, 41.89, -123.35, 46.4), # NAD83(CORS96) / Oregon Coast zone (ft)
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


# CRSs whose datum PROJ shifts to WGS 84 with the operation it chooses per point (config/crs/datum_shifts.tsv)
DATUM_CODES = (4267, 4230, 4277, 4284, 4301, 4202, 4289, 4269, 4283, 4149, 4314, 4272, 4275, 27700, 23031, 23035, 26711, 26717,
               28992, 20255, 32040, 28405, 31467, 31468, 27291)
DATUM_GRID = 6


def datum(rows):
    """Points of each CRS's area of use, WGS 84 -> the CRS (direction 1) and back from the CRS's values (direction 0)."""
    lines = []
    for code in DATUM_CODES:
        nf, (w, s, e, n), _ = rows[code]
        e = e + 360 if e < w else e
        # inset a little: on the very edge of an area, PROJ's box (through a degree-radian round trip) may or may not hold it
        dx, dy = (e - w) / 1000, (n - s) / 1000
        wgs = [((lon + 180) % 360 - 180, lat) for lon, lat in grid((w + dx, s + dy, e - dx, n - dy), DATUM_GRID)]
        out = cs2cs("EPSG:4326", f"EPSG:{code}", [(lat, lon) for lon, lat in wgs])
        pairs = [((lon, lat), east_north(nf, r)) for (lon, lat), r in zip(wgs, out) if r is not None]
        back = cs2cs(f"EPSG:{code}", "EPSG:4326", [east_north(nf, xy) for _, xy in pairs])
        for ((lon, lat), (x, y)), r in zip(pairs, back):
            lines.append(f"{code}\t1\t{lon!r}\t{lat!r}\t{x!r}\t{y!r}\n")
            if r is not None:
                lines.append(f"{code}\t0\t{x!r}\t{y!r}\t{r[1]!r}\t{r[0]!r}\n")
    return lines


# EPSG code | area of interest west,south,east,north (degrees in the CRS's geographic CRS)
AOI_CASES = """
4298|113.0689,2.0651,113.9326,2.9348
29874|113.0689,2.0651,113.9326,2.9348
4298|114.5,4.5,115,5
4298|116,5,117,6
4267|-100,35,-95,40
4267|-80,50,-75,55
4267|-150,60,-145,65
4267|-100,45,-95,52
4267|-90,27,-89,28
4267|-105,20,-100,25
4267|10,10,11,11
26717|-81,40,-80,41
32040|-98,29,-97,30
4230|-4,40,-3,41
4230|2,56,3,57
4230|8,60,9,61
4230|22,38,23,39
4230|9,50,10,51
4230|-5,40,20,55
23031|1,41,2,42
4277|-2,52,-1,53
4277|-4,56,-3,57
27700|-1,51,0,52
4284|37,55,38,56
4284|70,45,75,50
4284|175,60,-175,65
4314|9,50,10,51
4275|2,46,3,47
4202|145,-38,146,-37
4149|7,46,8,47
4272|174,-41,175,-40
"""


def first_operation(code, bbox, projected):
    out = subprocess.run(["projinfo", "-s", f"EPSG:{code}", "-t", "EPSG:4326", "--bbox", bbox, "--spatial-test", "intersects",
                          "--grid-check", "discard_missing", "-o", "PROJJSON", "--single-line", "-q"],
                         capture_output=True, text=True, check=True).stdout
    name = json.loads(out.split("\n")[0])["name"]
    # a projected CRS's operation starts with the inverse of its conversion
    return name.split(" + ", 1)[1] if projected else name


def cs2cs_area(bbox, source, target, point):
    out = subprocess.run(["cs2cs", "-f", "%.10f", "--bbox", bbox, source, target], input=f"{point[0]!r} {point[1]!r}\n",
                         capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1])


def aoi(rows):
    lines = []
    for line in AOI_CASES.strip().splitlines():
        code, bbox = line.split("|")
        code = int(code)
        w, s, e, n = map(float, bbox.split(","))
        lon, lat = ((w + e + (360 if e < w else 0)) / 2 + 180) % 360 - 180, (s + n) / 2
        nf = rows[code][0]
        projected = not rows[code][2].startswith("GEOGCS[")
        if not projected:
            x, y = lon, lat
        else:
            base = base_code(code)
            p = cs2cs(f"EPSG:{base}", f"EPSG:{code}", [(lat, lon) if rows[base][0] else (lon, lat)])[0]
            x, y = east_north(nf, p)
        out = cs2cs_area(bbox, f"EPSG:{code}", "EPSG:4326", east_north(nf, (x, y)))
        back = east_north(nf, cs2cs_area(bbox, "EPSG:4326", f"EPSG:{code}", out))
        lines.append(f"{code}\t{w!r}\t{s!r}\t{e!r}\t{n!r}\t{x!r}\t{y!r}\t{out[1]!r}\t{out[0]!r}\t{back[0]!r}\t{back[1]!r}\t"
                     f"{first_operation(code, bbox, projected)}\n")
    return lines


def main(names):
    rows = table()
    outputs = {"tms_grids.tsv": tms_grids, "methods.tsv": methods, "datum.tsv": datum, "sampled.tsv": sampled, "aoi.tsv": aoi}
    for name in names or outputs:
        lines = outputs[name](rows)
        with open(os.path.join(HERE, name), "w") as f:
            f.writelines(lines)
        print(f"{len(lines)} points written to {name}")


if __name__ == "__main__":
    main(sys.argv[1:])
