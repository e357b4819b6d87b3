"""A page nobody waits for is not computed: a GET (or HEAD) whose client hangs up before its answer is cancelled.

A page's handler runs in one of a few threads (:mod:`safar.web.threads`); requests beyond them wait for one.
When a client gives up — a closed tab, a refreshed page, a script that fires and leaves — its request went on
waiting and then ran all the same: 200 abandoned canvas requests made a ``/login`` behind them wait 39.6 s
(issue 22's audit). :class:`CancelAbandoned` watches the connection while the handler runs and cancels it when
the client has gone: a request still waiting for a thread is never run; one already in its thread finishes
there (a thread cannot be stopped), and nothing is sent.

Only requests without a body are watched: the handler of a POST reads its body from the same channel, and a
form's work (a save) should end as the person who sent it expects.
"""

from __future__ import annotations

from typing import Any

import anyio

__all__ = ["CancelAbandoned"]


class CancelAbandoned:
    """ASGI middleware: cancel a GET or HEAD when its client disconnects before the answer is complete."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        to_app, for_app = anyio.create_memory_object_stream[Any](16)
        answered = False

        async def sending(message: Any) -> None:
            nonlocal answered
            if message["type"] == "http.response.body" and not message.get("more_body", False):
                answered = True
            await send(message)

        async def receiving() -> Any:
            return await for_app.receive()

        failed: Exception | None = None
        async with anyio.create_task_group() as group:

            async def watch() -> None:
                while True:
                    message = await receive()
                    await to_app.send(message)
                    if message["type"] == "http.disconnect":
                        if not answered:  # the client left before its answer: stop the work
                            group.cancel_scope.cancel()
                        return

            group.start_soon(watch)
            try:
                await self.app(scope, receiving, sending)
            except Exception as exc:  # raised as it was, not in a task group's ExceptionGroup
                failed = exc
            finally:
                group.cancel_scope.cancel()  # answered (or failed): stop watching
        to_app.close()
        for_app.close()
        if failed is not None:
            raise failed
