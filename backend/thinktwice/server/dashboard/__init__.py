"""The dashboard's HTTP half: who may see it, the routes, the pages' headers.

    session.py   one-time sign-in links, sessions in memory, CSRF tokens
    pages.py     pages as responses; refusals (sign in, forged form...) as pages
    routes.py    the pages and the sign-in link API
    paths.py     which URLs are the dashboard's (read off routes.py), its own origins
    headers.py   the security headers every dashboard response carries

What the pages show (views, charts, filters, labels, export, templates and the
stylesheet) is `thinktwice.dashboard`, which knows nothing of HTTP.
"""
