"""ipcw: harvest, tag and search the WTO TRIPS Council's IP/C/W documents.

The core package holds what the three stages share: the :class:`~ipcw.models.Document` record,
the error tree, the settings, symbol rules and the command-line interface.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
