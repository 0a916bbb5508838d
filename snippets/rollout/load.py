"""A bounded load of greedy_time routes with every reply checked: the thread pool used by this
page's runs (switch.py, rolling.py).

Every request is snippets/greedy-time/four_tasks.json, whose order tells the versions apart:
1.0 (accept time) answers [2, 1, 3, 0], 2.0 (time left until the promise) answers [2, 0, 1, 3].
"""
import threading
import time
from collections import Counter

import requests

with open("snippets/greedy-time/four_tasks.json") as f:
    BODY = f.read()
VERSION_OF = {(2, 1, 3, 0): "1.0", (2, 0, 1, 3): "2.0"}


def send(session: requests.Session, url: str, headers: dict, timeout: float = 120) -> str:
    """One request: "1.0" or "2.0" (whose answer came back), or "HTTP <code>" / the error's name."""
    try:
        reply = session.post(url, data=BODY, timeout=timeout,
                             headers={**headers, "Content-Type": "application/json"})
    except requests.RequestException as e:
        return type(e).__name__
    if reply.status_code != 200:
        return f"HTTP {reply.status_code}"
    return VERSION_OF.get(tuple(reply.json()), "wrong answer")


class Load:
    """`clients` threads sending to `url()` until stop(); every client keeps its own sequence of
    outcomes. `url` and `headers` are functions, read before every request. A request that meets a
    closed connection is sent once more (counted in `resent`); its second outcome is kept. A request
    with no reply within `timeout` seconds counts as a ReadTimeout. `slowest` is the longest a request
    took to get a reply (any HTTP status), in seconds."""

    def __init__(self, clients: int, url, headers, cap: int = 20_000, timeout: float = 120):
        self.outcomes = [[] for _ in range(clients)]
        self.resent = 0
        self.slowest = 0.0
        self._stop = threading.Event()
        self._cap = cap
        self._timeout = timeout
        self._threads = [threading.Thread(target=self._client, args=(i, url, headers))
                         for i in range(clients)]

    def _client(self, i: int, url, headers) -> None:
        with requests.Session() as session:
            while not self._stop.is_set() and len(self.outcomes[i]) < self._cap:
                began = time.monotonic()
                outcome = send(session, url(), headers(), self._timeout)
                if outcome == "ConnectionError":
                    # A kept-alive connection the server closed as the request went out (nginx
                    # closes its idle ones on reload): sent again once, safe for a pure model.
                    self.resent += 1
                    outcome = send(session, url(), headers(), self._timeout)
                if outcome not in ("ReadTimeout", "ConnectionError"):
                    self.slowest = max(self.slowest, time.monotonic() - began)
                self.outcomes[i].append(outcome)

    def start(self) -> "Load":
        for t in self._threads:
            t.start()
        return self

    def stop(self) -> Counter:
        self._stop.set()
        for t in self._threads:
            t.join()
        return Counter(o for seq in self.outcomes for o in seq)

    def stop_when_done(self) -> Counter:
        """Wait for every client to reach its cap, then the outcomes."""
        for t in self._threads:
            t.join()
        return self.stop()
