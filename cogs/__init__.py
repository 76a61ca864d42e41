"""Discord extensions, one per feature: options -> service -> rendered reply."""
