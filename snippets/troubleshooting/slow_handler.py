"""A handler that sleeps as long as a request asks, {"sleep": seconds}, then answers {"slept": seconds}."""
import time


def handle(data, context):
    if data is None:  # the worker's initialize call
        return None
    replies = []
    for row in data:
        seconds = (row.get("body") or {}).get("sleep", 0)
        time.sleep(seconds)
        replies.append({"slept": seconds})
    return replies
