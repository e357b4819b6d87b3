"""Serving the web app: the one function ``safar serve`` and ``safar demo`` both call.

Command functions are Typer's to call: their defaults are ``typer.Option`` objects, not values, so one
command never calls another. Both call this plain function with real values instead.
"""

from __future__ import annotations

import sys

from safar.config import Settings

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_FORWARDED_ALLOW_IPS = "127.0.0.1"


def serve(
    settings: Settings,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    forwarded_allow_ips: str = DEFAULT_FORWARDED_ALLOW_IPS,
) -> None:
    """Serve the web app until interrupted; proxy headers are trusted from ``forwarded_allow_ips`` only."""
    import uvicorn

    from safar.home import keep_private, make_private
    from safar.web.app import create_app

    keep_private()
    mended = make_private(settings.home)
    if mended.narrowed or mended.spools:
        from safar.i18n import current_lang, translate

        files, spools = len(mended.narrowed), len(mended.spools)
        said = translate(
            "home.made_private", current_lang(), files=files, home=str(settings.home), spools=spools
        )
        print(said, file=sys.stderr)
    app = create_app(settings)
    quieter_collector()
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="info",
        proxy_headers=True,
        forwarded_allow_ips=forwarded_allow_ips,
    )


# A page allocates tens of thousands of objects (a canvas's numbers, its template's output), so with
# Python's default thresholds (700) the cycle collector ran every few pages, and its full passes walked
# every object the server holds. With the objects made at start frozen (never walked again) and the young
# generation collected every 50,000 allocations, 20 users on the demo's pages got 20.6 answers a second
# instead of 15.5, p99 1.7 s instead of 2.3 s (bench/pages_bench.py, session 15).
COLLECT_EVERY = (50_000, 50, 100)


def quieter_collector() -> None:
    """Freeze what the server made at start and collect cycles less often (see :data:`COLLECT_EVERY`)."""
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(*COLLECT_EVERY)
