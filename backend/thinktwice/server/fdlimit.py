"""Room in the process's file-descriptor limit for the connection cap.

Each open connection holds a file descriptor; past the limit, accept() fails
and new clients, however well-behaved, cannot connect at all. So the service
raises its soft limit (up to the hard one) to fit `max_connections` plus room
for its own files, and refuses to start when even the hard limit is too small.
"""

from __future__ import annotations

import resource

from .settings import SettingsError

# Descriptors beyond the connections: the history, the token, the models, logs.
RESERVED_FDS = 256


def ensure_fd_room(max_connections: int) -> int:
    """Raise the soft RLIMIT_NOFILE to fit `max_connections`; the limit now in force.

    SettingsError naming the setting when the hard limit cannot fit it.
    """
    needed = max_connections + RESERVED_FDS
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < needed:
        if hard != resource.RLIM_INFINITY and hard < needed:
            raise SettingsError(
                f"Setting 'max_connections' has value {max_connections!r}. The process may "
                f"open at most {hard} files, and the service needs {RESERVED_FDS} more than "
                f"its connections: use at most {max(hard - RESERVED_FDS, 0)}."
            )
        resource.setrlimit(resource.RLIMIT_NOFILE, (needed, hard))
        soft = needed
    return soft
