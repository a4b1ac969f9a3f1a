"""Errors a user sees as one line, never as a traceback."""

from __future__ import annotations


class CrosswireError(Exception):
    """Base for errors that are reported to the user as a single line."""


class IngestError(CrosswireError):
    """One input could not be read as an article. The rest of the batch goes on."""

    def __init__(self, location: str, message: str) -> None:
        super().__init__(f"{location}: {message}")
        self.location = location
        self.message = message

    def __reduce__(self):
        # Batch workers send errors across processes; the default would call __init__ with one
        # argument.
        return type(self), (self.location, self.message)
