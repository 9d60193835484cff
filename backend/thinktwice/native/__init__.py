"""The native messaging host: the browser's way to the service, vouched for by the browser.

The browser starts `thinktwice-host` (through the launcher `thinktwice setup`
registers) only for ThinkTwice's own extension ids, and talks to it over its
stdin and stdout. The host relays each request to the service over the Unix
socket only this account can open (server/channel.py), starting the service
when it is not running.

    framing.py   the browser's message format: a 4-byte length, then UTF-8 JSON
    protocol.py  the messages the extension and the host exchange (version 1)
    relay.py     one HTTP request over the Unix socket, the peer's uid checked
    launch.py    start the service when nothing answers at the socket
    host.py      the loop: read messages, relay each in its own thread, answer
    install.py   the host manifests for Chrome, Chromium and Firefox (`thinktwice setup`)

Stdlib only, and nothing of the engine: the browser starts a host per
connection, and it must answer at once.
"""
