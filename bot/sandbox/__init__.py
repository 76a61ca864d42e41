"""The sandbox: the local Discord and the real bot in one process, driven from a prompt or a script."""
