"""csdesk: the Customer Success Manager's offline desktop workbench."""

__version__ = "0.1.0"
