"""The Python API: a workspace of journey maps, with their full history.

>>> import tempfile
>>> ws = Workspace.open(Settings.from_env({"SAFAR_HOME": tempfile.mkdtemp()}))
>>> m = ws.new_from_template("insurance", "en")
>>> (m.id, m.revision, m.document.stages[0].id)
(1, 1, 'awareness')
>>> ws.close()
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from safar.bounded import Bounded
from safar.config import Settings
from safar.errors import ConflictError, NotFoundError, ValidationError
from safar.i18n.message import Message
from safar.store import repository as repo
from safar.store.engine import make_engine, migrate
from safar.store.repository import MapInfo, RevisionInfo

if TYPE_CHECKING:
    from safar.accounts import Actor
    from safar.maps.diff import Change
    from safar.model import Channel, JourneyMap, Persona

# The map model, its validation and its diff are imported where they are used: a command that only lists
# maps (`safar map list`) starts without them.


@dataclass(frozen=True)
class StoredMap:
    """One revision of a stored map."""

    id: int
    revision: int
    head: int
    document: JourneyMap
    info: RevisionInfo

    def to_dict(self, lang: str) -> dict[str, Any]:
        """The map at this revision as JSON, its revision message read in ``lang``."""
        return {
            "id": self.id,
            "revision": self.revision,
            "head": self.head,
            **self.info.to_dict(lang),
            "document": self.document.to_document(),
        }


@dataclass(frozen=True)
class SaveResult:
    map_id: int
    revision: int
    created: bool  # False when the document equalled the latest revision: nothing was written
    changes: list[Change]

    def to_dict(self) -> dict[str, Any]:
        return {
            "map_id": self.map_id,
            "revision": self.revision,
            "created": self.created,
            "changes": [c.to_dict() for c in self.changes],
        }


@dataclass(frozen=True)
class PersonaUse:
    persona: Persona
    lang: str
    maps: list[MapInfo]


class Workspace:
    """Maps, revisions and the channel catalogue of one workspace in the app database."""

    def __init__(self, engine: Engine, workspace_id: int, slug: str, settings: Settings) -> None:
        self.engine = engine
        self.workspace_id = workspace_id
        self.slug = slug
        self.settings = settings

    @classmethod
    def open(cls, settings: Settings | None = None, *, workspace: str | None = None) -> Workspace:
        """Open (creating and migrating as needed) the workspace named by ``SAFAR_WORKSPACE``."""
        settings = settings or Settings.from_env()
        engine = make_engine(settings.database_url)
        migrate(engine)
        return cls.attach(engine, settings, workspace or settings.workspace)

    @classmethod
    def attach(cls, engine: Engine, settings: Settings, slug: str) -> Workspace:
        """The workspace ``slug`` on an engine that is already migrated (created if new)."""
        with Session(engine) as session, session.begin():
            workspace_id = repo.ensure_workspace(session, slug)
        return cls(engine, workspace_id, slug, settings)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    # Channels -----------------------------------------------------------------
    def channels(self) -> dict[str, Channel]:
        """The built-in catalogue plus this workspace's own channels."""
        from safar.model import BUILTIN_CHANNELS, Channel, ChannelKind

        with self._session() as s:
            own = {
                r.key: Channel(id=r.key, name_fa=r.name_fa, name_en=r.name_en, kind=ChannelKind(r.kind))
                for r in repo.list_channels(s, self.workspace_id)
            }
        return {**BUILTIN_CHANNELS, **own}

    def add_channel(self, channel: Channel) -> None:
        if channel.id in self.channels():
            raise ValidationError("channel.exists", channel=channel.id)
        with self._session() as s:
            repo.add_channel(s, self.workspace_id, channel.id, channel.name_fa, channel.name_en, channel.kind)

    # Datasets -----------------------------------------------------------------
    def datasets(self) -> list[str]:
        """The warehouse datasets that belong to this workspace."""
        with self._session() as s:
            return repo.list_datasets(s, self.workspace_id)

    def claim_dataset(self, name: str) -> None:
        """Make ``name`` this workspace's dataset; one that belongs to another workspace is refused."""
        with self._session() as s:
            owner = repo.dataset_owner(s, name)
            if owner is None:
                repo.add_dataset(s, self.workspace_id, name)
            elif owner != self.workspace_id:
                raise ConflictError("dataset.other_workspace", dataset=name, workspace=self.slug)

    def release_dataset(self, name: str) -> None:
        """Let go of ``name`` (its data removed): another workspace may claim the name again."""
        self.require_dataset(name)
        with self._session() as s:
            repo.remove_dataset(s, self.workspace_id, name)

    def require_dataset(self, name: str) -> None:
        if name not in self.datasets():
            raise NotFoundError(
                "dataset.not_in_workspace", dataset=name, workspace=self.slug, known=self.datasets()
            )

    # Maps ---------------------------------------------------------------------
    def list_maps(self) -> list[MapInfo]:
        with self._session() as s:
            return repo.list_maps(s, self.workspace_id)

    def maps_reading(self, dataset: str) -> list[tuple[int, JourneyMap]]:
        """The maps whose touchpoints read ``dataset``: each one's id and newest document (not to be changed)."""
        found = []
        for info in self.list_maps():
            document = self.get_map(info.id, copy=False).document
            if dataset in document.datasets():
                found.append((info.id, document))
        return found

    def map_info(self, map_id: int) -> MapInfo:
        """The map's row: title, type, language, latest revision, owner, status, archived or not."""
        with self._session() as s:
            return repo.map_info(repo.get_map_row(s, self.workspace_id, map_id))

    def set_map_fields(self, map_id: int, *, by: Actor | None = None, **fields: Any) -> MapInfo:
        """Change a map's ``owner``, ``status`` or ``archived_at`` (not its document, so no revision): each
        field that changes is an entry of the audit log (``map.owner``, ``map.status``, ``map.archive`` or
        ``map.unarchive``) written with it."""
        from safar.store import audit

        with self._session() as s:
            row = repo.get_map_row(s, self.workspace_id, map_id, lock=True)
            before = repo.map_info(row)
            after = repo.set_map_fields(s, row, **fields)
            for name in fields:
                old, new = getattr(before, name), getattr(after, name)
                if old == new or by is None:
                    continue
                if name == "archived_at":
                    action, details = ("map.archive" if new else "map.unarchive"), {}
                else:
                    action, details = f"map.{name}", {"before": old, name: new}
                audit.record(
                    s,
                    actor=by.username,
                    via=by.via,
                    action=action,
                    target=after.title[:200],
                    workspace=self.slug,
                    details={"map": map_id, **details},
                )
            return after

    def map_dependants(self, map_id: int) -> dict[str, int]:
        """How many revisions, surveys, alert rules, snapshots and opportunities the map has."""
        with self._session() as s:
            repo.get_map_row(s, self.workspace_id, map_id)
            return repo.map_dependants(s, map_id)

    def delete_map(self, map_id: int, *, by: Actor | None = None) -> tuple[MapInfo, dict[str, int]]:
        """Delete a map with its whole history, surveys, alert rules, snapshots and opportunities (audited as
        ``map.delete``); returns what the map was and how many rows of each kind went with it."""
        from safar.store import audit

        with self._session() as s:
            row = repo.get_map_row(s, self.workspace_id, map_id, lock=True)
            info, removed = repo.map_info(row), repo.map_dependants(s, map_id)
            repo.delete_map(s, row)
            if by is not None:
                audit.record(
                    s,
                    actor=by.username,
                    via=by.via,
                    action="map.delete",
                    target=info.title[:200],
                    workspace=self.slug,
                    details={"map": map_id, **removed},
                )
            return info, removed

    def personas(self) -> list[PersonaUse]:
        """Every persona of the workspace's maps (latest revisions), each with the maps it appears in.

        Personas live in map documents; the same persona id in several maps is one entry.
        """
        found: dict[str, PersonaUse] = {}
        for info in self.list_maps():
            document = self.get_map(info.id).document
            for persona in document.personas:
                entry = found.setdefault(persona.id, PersonaUse(persona, document.lang, []))
                entry.maps.append(info)
        return list(found.values())

    def get_map(self, map_id: int, revision: int | None = None, *, copy: bool = True) -> StoredMap:
        """Revision ``revision`` of the map (its newest by default). ``copy=False``: its document is the one
        kept for every reader (:func:`_parsed`), for a caller that only reads it and never changes it."""
        with self._session() as s:
            row = repo.get_map_row(s, self.workspace_id, map_id)
            rev = repo.get_revision(s, row, revision, document=False)
            document = _parsed(rev.digest, lambda: rev.document, copy=copy)
            return StoredMap(row.id, rev.number, row.head, document, repo.revision_info(rev))

    def history(self, map_id: int) -> list[RevisionInfo]:
        with self._session() as s:
            repo.get_map_row(s, self.workspace_id, map_id)
            return repo.list_revisions(s, map_id)

    def diff(self, map_id: int, old: int, new: int) -> list[Change]:
        from safar.maps.diff import diff_maps

        return diff_maps(self.get_map(map_id, old).document, self.get_map(map_id, new).document)

    def create_map(
        self, document: JourneyMap, *, message: str | Message | None = None, author: str | None = None
    ) -> StoredMap:
        """A new map at revision 1; ``message`` is a person's words, or a :class:`Message` Safar writes."""
        checked = self._check(document)
        with self._session() as s:
            row, _ = repo.create_map(
                s,
                self.workspace_id,
                checked.to_document(),
                author=author or self.settings.author,
                message=_message(message) or Message("msg.created"),
            )
            map_id = row.id
        return self.get_map(map_id)

    def save_map(
        self,
        map_id: int,
        document: JourneyMap,
        *,
        base_revision: int | None = None,
        message: str | Message | None = None,
        author: str | None = None,
    ) -> SaveResult:
        """Save a new revision (without ``message``, its message is a summary of the changes). With ``base_revision`` older than the latest, nothing is saved:
        :class:`ConflictError` lists what changed since that revision. An archived map is read-only
        (``map.archived``) until it is unarchived."""
        from safar.maps.diff import diff_maps
        from safar.model import JourneyMap

        checked = self._check(document)
        with self._session() as s:
            row = repo.get_map_row(s, self.workspace_id, map_id, lock=True)
            if row.archived_at is not None:
                raise ConflictError("map.archived", map_id=map_id, title=row.title)
            head_doc = JourneyMap.model_validate(repo.get_revision(s, row).document)
            if base_revision is not None and base_revision != row.head:
                base_doc = JourneyMap.model_validate(repo.get_revision(s, row, base_revision).document)
                raise ConflictError(
                    "map.conflict",
                    map_id=map_id,
                    base=base_revision,
                    head=row.head,
                    changes=[c.to_dict() for c in diff_maps(base_doc, head_doc)],
                )
            changes = diff_maps(head_doc, checked)
            if not changes:
                return SaveResult(map_id, row.head, False, [])
            rev = repo.append_revision(
                s,
                row,
                checked.to_document(),
                author=author or self.settings.author,
                message=_message(message) or _summary(changes),
            )
            return SaveResult(map_id, rev.number, True, changes)

    def import_map(
        self,
        path: str | Path,
        *,
        map_id: int | None = None,
        base_revision: int | None = None,
        message: str | Message | None = None,
        author: str | None = None,
    ) -> SaveResult:
        """A file becomes a new map, or a new revision of ``map_id``."""
        from safar.maps.validate import read_map_file

        document = read_map_file(path, self.channels())
        if map_id is None:
            stored = self.create_map(
                document,
                message=_message(message) or Message("msg.imported", {"file": Path(path).name}),
                author=author,
            )
            return SaveResult(stored.id, stored.revision, True, [])
        return self.save_map(map_id, document, base_revision=base_revision, message=message, author=author)

    def revert(
        self,
        map_id: int,
        revision: int,
        *,
        base_revision: int | None = None,
        message: str | Message | None = None,
        author: str | None = None,
    ) -> SaveResult:
        """A new revision equal to ``revision``; history is never rewritten. ``base_revision``: the newest
        revision the person saw (a page's or the API's); a newer one since is a conflict, as for a save.
        Without it (the CLI) the revert applies to the newest."""
        old = self.get_map(map_id, revision)
        return self.save_map(
            map_id,
            old.document,
            base_revision=old.head if base_revision is None else base_revision,
            message=_message(message) or Message("msg.revert", {"revision": revision}),
            author=author,
        )

    def new_from_template(
        self,
        template: str,
        lang: str,
        *,
        title: str | None = None,
        based_on: int | None = None,
        author: str | None = None,
    ) -> StoredMap:
        from safar.maps.templates import load_template
        from safar.model import BasedOn, MapType

        document = load_template(template, lang)
        if title:
            document.title = title
        if based_on is not None:  # a map based on another is that map's future state, whatever the template
            document.based_on = BasedOn(map=based_on)
            document.type = MapType.FUTURE_STATE
        return self.create_map(
            document,
            message=Message("msg.from_template", {"template": template, "lang": lang}),
            author=author,
        )

    def _check(self, document: JourneyMap) -> JourneyMap:
        from safar.maps.validate import validate_document

        checked = validate_document(document.to_document(), channels=self.channels())
        if checked.based_on is not None:
            self._check_based_on(checked)
        return checked

    def _check_based_on(self, document: JourneyMap) -> None:
        assert document.based_on is not None
        base = self.get_map(document.based_on.map, document.based_on.revision).document
        known = {t.id for t in base.touchpoints()}
        problems = [
            {
                "path": f"stages[{si}].touchpoints[{ti}].improves[{ii}]",
                "code": "unknown_touchpoint",
                "value": ref,
                "allowed": sorted(known),
                "message": f"not a touchpoint of map {document.based_on.map}",
            }
            for si, stage in enumerate(document.stages)
            for ti, tp in enumerate(stage.touchpoints)
            for ii, ref in enumerate(tp.improves)
            if ref not in known
        ]
        if problems:
            raise ValidationError("map.invalid", source="<document>", count=len(problems), errors=problems)


def _message(message: str | Message | None) -> Message | None:
    """A message given by a caller: a person's words (kept as typed) or one Safar writes; none when empty."""
    if isinstance(message, Message):
        return message
    return Message.typed(message) if message and message.strip() else None


def _summary(changes: list[Change]) -> Message:
    counts: dict[str, int] = {}
    for c in changes:
        counts[c.kind] = counts.get(c.kind, 0) + 1
    return Message.summary(counts)


# The maps read, validated, by their documents' digest: a page reads its map several times (its screens'
# keys, the page itself), and validating a large map takes ~10 ms, reading it from the app database more.
_PARSED: Bounded[str, JourneyMap] = Bounded(64)


def _parsed(digest: str, document: Callable[[], dict[str, Any]], *, copy: bool = True) -> JourneyMap:
    """The map whose stored document has ``digest``, validated once; each caller gets its own copy (callers
    edit the maps they read), unless it says it only reads it (a deep copy takes ~2 ms)."""
    from safar.model import JourneyMap

    found = _PARSED.get(digest)
    if found is None:
        found = JourneyMap.model_validate(document())
        _PARSED.put(digest, found)
    return found.model_copy(deep=True) if copy else found
