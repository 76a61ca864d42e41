"""SQLite storage: the fact store (rebuilt and swapped whole) and its schema migrations."""
