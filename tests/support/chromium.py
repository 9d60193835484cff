"""Debian's Chromium as the browser tests start it: headless, quiet, reproducible."""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
# No sandbox (root in CI), and nothing that reaches for the network on its own.
CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
