"""`python -m bench` (make bench): prints the performance figures. Figures, not pass/fail."""

from bench.fact_build import main

raise SystemExit(main())
