"""The dashboard's HTTP half: who may see it, the routes, the pages' headers.

    pages.py     pages as responses; refusals (not over the socket, no such entry...)
    routes.py    the pages, the forms, the exports and the stylesheet
    paths.py     which URLs are the dashboard's: everything outside /v1
    headers.py   the security headers every dashboard response carries

The pages answer over the service's Unix socket only (server/channel.py): the
extension's dashboard page asks for them through the worker and the native
host. What the pages show (views, charts, filters, labels, export, templates
and the stylesheet) is `thinktwice.dashboard`, which knows nothing of HTTP.
"""
