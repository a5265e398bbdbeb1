#!/usr/bin/python3
"""Regenerates config/crs/geodetic.tsv from the PROJ database (/usr/share/proj/proj.db, Debian proj-data).

The EPSG objects GeoTIFF keys name besides CRSs, one per line, tab-separated:
    E <code> <semi-major metres> <inverse flattening, 0 for a sphere> <name>      ellipsoid (GeogEllipsoidGeoKey)
    P <code> <longitude degrees> <name>                                          prime meridian (GeogPrimeMeridianGeoKey)
    D <code> <geographic CRS code> <name>                                        datum (GeogGeodeticDatumGeoKey): the
                                                                                 lowest geographic 2D CRS code on it
    U <code> <metres or radians per unit> <name>                                 linear and angular units
    N <datum code> <alias>                                                       other names of a datum (ESRI's D_...)
    L <name> <semi-major metres> <inverse flattening, 0 for a sphere>            PROJ's +ellps names (cs2cs -le)
    C <code> <PROJ string, lengths in metres> <name>                            conversion (ProjectionGeoKey): its
                                                                                 method and parameters as projinfo
                                                                                 writes them, for the methods the
                                                                                 engine's PROJ string reader knows
Usage: /usr/bin/python3 config/crs/geodetic.py
"""
import concurrent.futures
import math
import os
import re
import sqlite3
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
db = sqlite3.connect("/usr/share/proj/proj.db")
lines = []
units = {code: (factor, kind) for code, factor, kind in db.execute(
    "SELECT code, conv_factor, type FROM unit_of_measure WHERE auth_name = 'EPSG' AND conv_factor IS NOT NULL")}
for code, name, a, uom, rf, b in db.execute(
        "SELECT code, name, semi_major_axis, uom_code, inv_flattening, semi_minor_axis FROM ellipsoid "
        "WHERE auth_name = 'EPSG' AND deprecated = 0 ORDER BY CAST(code AS INTEGER)"):
    metres = units[uom][0]
    a *= metres
    if rf is None:
        rf = 0.0 if b is None or b == a / metres else a / (a - b * metres)
    lines.append(f"E\t{code}\t{a!r}\t{rf!r}\t{name}")
for code, name, lon, uom in db.execute(
        "SELECT code, name, longitude, uom_code FROM prime_meridian WHERE auth_name = 'EPSG' ORDER BY CAST(code AS INTEGER)"):
    if str(uom) == "9110":  # sexagesimal DMS: ddd.mmss
        sign, v = math.copysign(1, lon), abs(lon)
        d = int(v)
        m = int(round((v - d) * 100, 6))
        s = ((v - d) * 100 - m) * 100
        degrees = sign * (d + m / 60 + s / 3600)
    else:
        degrees = math.degrees(lon * units[uom][0])
    lines.append(f"P\t{code}\t{degrees!r}\t{name}")
for code, gcs, name in db.execute(
        "SELECT d.code, MIN(CAST(c.code AS INTEGER)), d.name FROM geodetic_datum d JOIN geodetic_crs c "
        "ON c.datum_auth_name = d.auth_name AND c.datum_code = d.code AND c.auth_name = 'EPSG' AND c.type = 'geographic 2D' "
        "AND c.deprecated = 0 WHERE d.auth_name = 'EPSG' GROUP BY d.code ORDER BY CAST(d.code AS INTEGER)"):
    lines.append(f"D\t{code}\t{gcs}\t{name}")
for code, name, factor, kind in db.execute(
        "SELECT code, name, conv_factor, type FROM unit_of_measure WHERE auth_name = 'EPSG' AND type IN ('length', 'angle') "
        "AND conv_factor IS NOT NULL ORDER BY CAST(code AS INTEGER)"):
    lines.append(f"U\t{code}\t{factor!r}\t{name}")
for code, alias in db.execute(
        "SELECT a.code, a.alt_name FROM alias_name a JOIN geodetic_datum d ON d.auth_name = a.auth_name AND d.code = a.code "
        "WHERE a.table_name = 'geodetic_datum' AND a.auth_name = 'EPSG' ORDER BY CAST(a.code AS INTEGER), a.alt_name"):
    lines.append(f"N\t{code}\t{alias}")
for line in subprocess.run(["cs2cs", "-le"], check=True, capture_output=True, text=True).stdout.splitlines():
    m = re.match(r"\s*(\S+) a=(\S+)\s+(rf|b)=(\S+)", line)
    if m:
        a, value = float(m.group(2)), float(m.group(4))
        rf = value if m.group(3) == "rf" else (0.0 if value == a else a / (a - value))
        lines.append(f"L\t{m.group(1)}\t{a!r}\t{rf!r}")
# +proj names ProjStringReader turns into a projection (Crs/Text/ProjStringReader.cs)
READABLE = {"utm", "tmerc", "etmerc", "merc", "lcc", "aea", "laea", "stere", "sterea", "eqc", "cea", "omerc", "cass", "poly"}


def conversion(code):
    out = subprocess.run(["projinfo", "-k", "operation", "-o", "PROJ", "-q", "--single-line", f"EPSG:{code}"],
                         capture_output=True, text=True).stdout.strip()
    m = re.match(r"\+proj=(\w+)", out)
    return out if m and m.group(1) in READABLE else None


conversions = list(db.execute("SELECT code, name FROM conversion_table WHERE auth_name = 'EPSG' AND deprecated = 0 "
                              "ORDER BY CAST(code AS INTEGER)"))
with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
    for (code, name), proj in zip(conversions, pool.map(lambda c: conversion(c[0]), conversions)):
        if proj:
            lines.append(f"C\t{code}\t{proj}\t{name}")
with open(os.path.join(HERE, "geodetic.tsv"), "w") as f:
    f.write("\n".join(lines) + "\n")
print(f"{len(lines)} rows written")
