"""Reading query strings strictly: every value is checked against a fixed vocabulary.

Plain Python with no HTTP objects: callers pass the query as (name, value) pairs. A
problem raises ``QueryError`` naming the parameter and the accepted values, which the
view turns into a 400 page (or JSON) that says so in plain words.
"""

from collections.abc import Collection, Iterable, Mapping

from django.utils.translation import gettext

MAX_PAIRS = 100
"""More pairs than any real answer set needs (every value of every question is ~60)."""

MAX_VALUE_LENGTH = 64


class QueryError(ValueError):
    """A query string that cannot be read; ``parameter`` is the name at fault.

    A plain exception (not a frozen dataclass), so ``add_note()``, tracebacks and context
    managers can set attributes on it as on any other.
    """

    def __init__(self, parameter: str, message: str, accepted: Iterable[str] = ()) -> None:
        self.parameter = parameter
        self.message = message
        self.accepted = tuple(accepted)
        super().__init__(parameter, message, self.accepted)

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return (
            f"QueryError(parameter={self.parameter!r}, message={self.message!r}, "
            f"accepted={self.accepted!r})"
        )


def parse_query(
    pairs: Iterable[tuple[str, str]],
    *,
    multiple: Mapping[str, Collection[str]],
    single: Mapping[str, Collection[str]] = {},
) -> dict[str, tuple[str, ...]]:
    """Return {parameter: values in first-seen order, duplicates dropped}.

    ``multiple`` and ``single`` map each accepted parameter to its accepted values; a
    single-valued parameter given twice, an unknown name or value, too many pairs or an
    over-long value is a QueryError.
    """
    accepted_names = sorted({*multiple, *single})
    answers: dict[str, list[str]] = {}
    for count, (name, value) in enumerate(pairs, start=1):
        known = single.get(name) or multiple.get(name)
        accepted = _accepted(known) if known else tuple(accepted_names)
        if count > MAX_PAIRS:
            raise QueryError(
                name[:20],
                gettext(
                    "The address has more than %(limit)s answers (at “%(parameter)s”), "
                    "which is more than any real set of answers needs."
                )
                % {"limit": MAX_PAIRS, "parameter": name[:20]},
                accepted,
            )
        if len(name) > MAX_VALUE_LENGTH or len(value) > MAX_VALUE_LENGTH:
            shown = name if len(name) <= MAX_VALUE_LENGTH else name[:20] + "…"
            raise QueryError(
                shown,
                gettext("The value given for “%(parameter)s” is far too long.")
                % {"parameter": shown},
                accepted,
            )
        if name in single:
            choices = single[name]
        elif name in multiple:
            choices = multiple[name]
        else:
            raise QueryError(
                name,
                gettext(
                    "“%(parameter)s” is not something this page understands. "
                    "It accepts: %(accepted)s."
                )
                % {"parameter": name, "accepted": ", ".join(accepted_names)},
                tuple(accepted_names),
            )
        ordered = _accepted(choices)
        if value not in choices:
            raise QueryError(
                name,
                gettext("“%(value)s” is not an accepted value for “%(parameter)s”.")
                % {"value": value, "parameter": name},
                ordered,
            )
        seen = answers.setdefault(name, [])
        if name in single and seen:
            raise QueryError(
                name,
                gettext("“%(parameter)s” can only have one value, but it was given more than one.")
                % {"parameter": name},
                ordered,
            )
        if value not in seen:
            seen.append(value)
    return {name: tuple(values) for name, values in answers.items()}


def _accepted(choices: Collection[str]) -> tuple[str, ...]:
    """The accepted values as a 400 names them: a range of numbers describes itself."""
    described = getattr(choices, "accepted", None)
    return tuple(described) if described is not None else tuple(sorted(choices))
