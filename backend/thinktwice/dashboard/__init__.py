"""The local dashboard of past warnings, rendered by the service for the extension's
dashboard page (extension/dashboard/), over the service's Unix socket only.

Server-rendered pages (Jinja2 templates), one stylesheet, no script, nothing
fetched from anywhere else: it works offline and shows nothing it did not compute.

    labels.py    the history's vocabularies in people's words
    filters.py   the history page's filters, from the query string
    views.py     what each page shows, computed from the history
    charts.py    inline SVG charts
    export.py    CSV and JSON downloads
    render.py    the Jinja2 environment
    templates/   the pages;  static/  the stylesheet
It knows nothing of HTTP: who may ask, routes and headers are server/dashboard/.
"""
