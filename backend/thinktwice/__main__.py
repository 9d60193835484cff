"""`python -m thinktwice` runs the command line."""

from .cli import entry

entry()
