"""Turning facts into Discord messages that always fit Discord's limits."""
