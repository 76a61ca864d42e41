"""The calendar export: upcoming dated facts as an iCalendar file, for /calendar and the optional HTTP feed."""
