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
    uvicorn.run(
        create_app(settings),
        host=host,
        port=port,
        log_level="info",
        proxy_headers=True,
        forwarded_allow_ips=forwarded_allow_ips,
    )
