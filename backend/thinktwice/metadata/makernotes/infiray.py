"""InfiRay thermal cameras' sensor record (exiftool InfiRay.pm, InfiRay::Sensor).

Not a maker note but an APP9 segment of their JPEGs ("IJPEG" files, read by
formats.jpeg): fixed fields, little endian, for the infrared sensor and the
visible-light one. Each names its maker, model and part number, firmware, and the
sensor's serial number. The part number holds the serial too (exiftool's P2 Pro
sample: "P2_B_V2.0_2080100019B15656148" for serial "P200019B15656148"), so it
counts as one. Keys are byte offsets in the segment.
"""

from __future__ import annotations

from .tags import Table, field_at, fixed_text

SENSOR: Table = {
    0x040: field_at(12, "IRSensorName", "model", fixed_text),
    0x080: field_at(32, "IRSensorPartNumber", "serial", fixed_text),
    0x0C0: field_at(32, "IRSensorSerialNumber", "serial", fixed_text),
    0x100: field_at(12, "IRSensorFirmware", "firmware", fixed_text),
    0x1C0: field_at(12, "VisibleSensorName", "model", fixed_text),
    0x200: field_at(32, "VisibleSensorPartNumber", "serial", fixed_text),
    0x240: field_at(32, "VisibleSensorSerialNumber", "serial", fixed_text),
    0x280: field_at(12, "VisibleSensorFirmware", "firmware", fixed_text),
}
