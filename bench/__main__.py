"""`python -m bench` (make bench): prints the performance figures. Figures, not pass/fail."""

from bench import calendar_feed, countdown, fact_build, imports, interactions, newsdesk, reload, scaling

fact_build.main()
print()
interactions.main()
print()
countdown.main()
print()
reload.main()
print()
imports.main()
print()
calendar_feed.main()
print()
newsdesk.main()
print()
scaling.main()
