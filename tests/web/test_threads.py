"""Requests are served a few at a time, and long work handed off runs beside them, not in their place."""

from __future__ import annotations

import threading

import anyio
import anyio.to_thread

from safar.web.threads import PAGES, limit_pages, run_long


def test_long_work_runs_while_every_page_thread_is_busy() -> None:
    async def main() -> None:
        limit_pages()
        assert anyio.to_thread.current_default_thread_limiter().total_tokens == PAGES
        release = threading.Event()
        async with anyio.create_task_group() as group:
            for _ in range(PAGES):  # every thread of the pages taken by a request that waits
                group.start_soon(anyio.to_thread.run_sync, release.wait)
            await anyio.sleep(0.2)
            with anyio.fail_after(5):  # the long work does not wait for them
                assert await run_long(lambda a, b: a + b, 40, b=2) == 42
            release.set()

    # in a thread of its own: a test before this one in the same process may have left an event loop's
    # mark on this thread
    failed: list[BaseException] = []

    def run() -> None:
        try:
            anyio.run(main)
        except BaseException as exc:  # re-raised below, in the test's thread
            failed.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    assert not thread.is_alive()
    if failed:
        raise failed[0]
