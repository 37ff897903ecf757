"""The account workspace: one page per concern, reached from a side navigation."""
