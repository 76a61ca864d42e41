"""The fact pipeline: seed articles -> extraction -> resolution -> corrections -> SQLite store."""
