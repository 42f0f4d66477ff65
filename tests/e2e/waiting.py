"""Waiting for what the server does after it answers (events relayed, owed work, emails):
poll a check until it holds. Timeouts only bound a failing test's wait; nothing here
measures how fast the server is."""
import time


def wait_until(check, timeout=30.0, interval=0.05):
    """Polls `check` until it returns something truthy; returns it, or that falsy value
    once `timeout` seconds have passed."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(interval)
