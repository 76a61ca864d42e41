"""Countdown posts: planning which milestone posts are due (pure), and one dispatcher that sends them."""
