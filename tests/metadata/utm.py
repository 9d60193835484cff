"""The forward UTM projection (degrees to metres), for tests only: Snyder's series 8-9
to 8-15, a different formula from the engine's inverse one, so a round trip checks both."""

from __future__ import annotations

import math

A, F, K0 = 6378137.0, 1 / 298.257223563, 0.9996


def meridian_arc(phi: float) -> float:
    """Metres along the WGS 84 meridian from the equator to latitude `phi` (radians)."""
    e2 = F * (2 - F)
    return A * (
        (1 - e2 / 4 - 3 * e2**2 / 64 - 5 * e2**3 / 256) * phi
        - (3 * e2 / 8 + 3 * e2**2 / 32 + 45 * e2**3 / 1024) * math.sin(2 * phi)
        + (15 * e2**2 / 256 + 45 * e2**3 / 1024) * math.sin(4 * phi)
        - (35 * e2**3 / 3072) * math.sin(6 * phi)
    )


def to_utm(latitude: float, longitude: float) -> tuple[int, bool, float, float]:
    """(zone, north, easting, northing) of a WGS 84 position."""
    zone = int((longitude + 180) // 6) + 1
    e2 = F * (2 - F)
    ep2 = e2 / (1 - e2)
    phi, lam = math.radians(latitude), math.radians(longitude - (zone * 6 - 183))
    n = A / math.sqrt(1 - e2 * math.sin(phi) ** 2)
    t, c = math.tan(phi) ** 2, ep2 * math.cos(phi) ** 2
    a = math.cos(phi) * lam
    easting = 500000 + K0 * n * (
        a + (1 - t + c) * a**3 / 6 + (5 - 18 * t + t**2 + 72 * c - 58 * ep2) * a**5 / 120
    )
    northing = K0 * (
        meridian_arc(phi)
        + n * math.tan(phi) * (
            a**2 / 2 + (5 - t + 9 * c + 4 * c**2) * a**4 / 24
            + (61 - 58 * t + t**2 + 600 * c - 330 * ep2) * a**6 / 720
        )
    )  # fmt: skip
    north = latitude >= 0
    return zone, north, easting, northing if north else northing + 10000000
