"""pyHanko's synchronous calls, safe in a thread that already runs an asyncio event loop.

pyHanko's `sign_pdf` and `validate_pdf_signature` call `asyncio.run`, which refuses to start
inside a running loop (an ASGI server's thread; a browser test's Playwright in the same process).
There the call runs in a short-lived thread of its own; elsewhere it runs as is.
"""

import asyncio
from concurrent.futures import ThreadPoolExecutor


def outside_event_loop(function, *args, **kwargs):
    """`function(*args, **kwargs)`, in another thread only when this one runs an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pyhanko") as pool:
        return pool.submit(function, *args, **kwargs).result()
