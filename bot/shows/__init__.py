"""The shows a deployment answers about: found in seeds/ at start, each with its own facts, and the show each
guild follows."""
