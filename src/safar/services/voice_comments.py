"""What the voice page lists below its figures, kept like its figures (:mod:`safar.services.results`).

:func:`voice_comments` reads, with the warehouse open once: the newest comments (of one touchpoint and one
label when given; :func:`safar.services.comments.comments`), how many comments of each dataset have no
touchpoint (:func:`safar.services.comment_uploads.unassigned_comments`) and the label corrections
(:func:`safar.services.corrections.label_corrections`). The page reads it through
:func:`safar.services.results.current`: a visit after nothing changed reads the kept result without opening
the warehouse; new comments or answers, a correction, a touchpoint given to comments or a new survey make
it stale (events do not). The API and the CLI keep calling the three services themselves.
"""

from __future__ import annotations

from contextlib import nullcontext

from pydantic import BaseModel

from safar.context import Context
from safar.services.comment_uploads import unassigned_comments
from safar.services.comments import CommentsList, comments
from safar.services.corrections import CorrectionsView, label_corrections
from safar.services.results import same_in_every_language

__all__ = ["VoiceComments", "voice_comments"]


class VoiceComments(BaseModel):
    """The voice page's comment list, its datasets' comments without a touchpoint, and its corrections."""

    comments: CommentsList
    unassigned: dict[str, int]
    corrections: CorrectionsView


@same_in_every_language(events=False)
def voice_comments(
    ctx: Context, map_id: int, *, touchpoint: str | None = None, label: str | None = None
) -> VoiceComments:
    """The lists of the voice page of ``map_id`` (see the module text)."""
    with ctx.warehouse() if ctx.has_warehouse() else nullcontext():
        return VoiceComments(
            comments=comments(ctx, map_id, touchpoint=touchpoint, label=label),
            unassigned=unassigned_comments(ctx, map_id),
            corrections=label_corrections(ctx, map_id),
        )
