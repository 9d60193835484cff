"""The local service: FastAPI on loopback, for the extension and the dashboard.

    settings.py   Settings: host, port, data dir, limits; refuses unsafe values
    app.py        create_app(settings): wiring only
    security.py   the token (DATA_DIR/token, 0600) and what counts as an extension
    private.py    the data directory (0700) and files in it (0600, written atomically)
    pairing.py    every pairing needs a code from `thinktwice pair`
    guards.py     Host (DNS rebinding) and Origin/CORS checks, before routing
    bodylimit.py  the request size cap, before and while reading
    upload.py     multipart uploads read into memory, never spooled to disk
    workers.py    the engine's thread pool (with a deadline), the history's thread
    engine.py     one engine job per upload; cleaned file names
    cache.py      cleaned copies in memory, bounded, expiring
    errors.py     every failure -> {"error", "message"} and its status
    schemas/      request and response bodies (the OpenAPI schema)
    deps.py       Annotated dependencies: services, token, upload, history
    vocabulary.py what the extension shares with the service (generated into extension/)
    routes/       one router per resource
    dashboard/    the dashboard's routes (over the socket only) and headers (its pages:
                  thinktwice.dashboard)

Importing this package loads nothing: `from thinktwice.server.app import create_app`.
"""
