"""The local dashboard of past warnings, served by the service at http://127.0.0.1:8765/.

Server-rendered pages (Jinja2 templates), one stylesheet, no script, nothing
fetched from anywhere else: it works offline and shows nothing it did not compute.

    paths.py     which URLs are the dashboard's, and its own origins (stdlib only)
    headers.py   the security headers every dashboard response carries
    session.py   one-time sign-in links, sessions in memory, CSRF tokens
    labels.py    the history's vocabularies in people's words
    filters.py   the history page's filters, from the query string
    views.py     what each page shows, computed from the history
    charts.py    inline SVG charts
    export.py    CSV and JSON downloads
    render.py    the Jinja2 environment
    pages.py     pages as responses; refusals (sign in, forged form...) as pages
    templates/   the pages;  static/  the stylesheet and the icon
The routes are in server/routes/dashboard.py.
"""
