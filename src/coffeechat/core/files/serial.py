"""Dataclasses as plain JSON-ready lists, for the caches, by their fields' types.

A cache of thousands of summaries must read back fast: each object is kept as the
list of its fields' values in the order the dataclass declares them (a list reads
faster than a table of named fields), a date-time as its ISO text, a dataclass in a
field as its own list, a tuple or list of dataclasses as a list of lists; other
values (text, numbers, booleans, None) as they are. The form is made from the types
alone.
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from datetime import datetime
from operator import attrgetter
from types import NoneType, UnionType
from typing import Any

Convert = Callable[[Any], Any]


_ENCODERS: dict[type[Any], Callable[[Any], list[Any]]] = {}
_DECODERS: dict[type[Any], Callable[[list[Any]], Any]] = {}


def encoder(cls: type[Any]) -> Callable[[Any], list[Any]]:
    """What turns an object of the dataclass `cls` into its list (made once)."""
    if cls not in _ENCODERS:
        _ENCODERS[cls] = _encoder(cls)
    return _ENCODERS[cls]


def decoder(cls: type[Any]) -> Callable[[list[Any]], Any]:
    """What turns a list back into an object of `cls` (made once); the function raises
    `ValueError` or `TypeError` if the list is not one (a cache edited by hand, or
    garbled)."""
    if cls not in _DECODERS:
        _DECODERS[cls] = _decoder(cls)
    return _DECODERS[cls]


def _encoder(cls: type[Any]) -> Callable[[Any], list[Any]]:
    names = [item.name for item in fields(cls)]
    values = attrgetter(*names) if len(names) > 1 else lambda item: (getattr(item, names[0]),)
    changed = [(index, convert) for index, convert in _conversions(cls, _to_plain)]

    def encode(item: Any) -> list[Any]:
        out = list(values(item))
        for index, convert in changed:
            out[index] = convert(out[index])
        return out

    return encode


def _decoder(cls: type[Any]) -> Callable[[list[Any]], Any]:
    changed = [(index, convert) for index, convert in _conversions(cls, _from_plain)]

    def decode(values: list[Any]) -> Any:
        if type(values) is not list:
            raise TypeError("expected a list")
        values = values[:]
        for index, convert in changed:
            values[index] = convert(values[index])
        return cls(*values)

    def decode_as_is(values: list[Any]) -> Any:
        if type(values) is not list:
            raise TypeError("expected a list")
        return cls(*values)

    return decode if changed else decode_as_is


def _conversions(
    cls: type[Any], make: Callable[[Any], Convert | None]
) -> list[tuple[int, Convert]]:
    """The fields of `cls` whose values change form, by position, with the change."""
    hints = typing.get_type_hints(cls)
    out = []
    for index, item in enumerate(fields(cls)):
        convert = make(hints[item.name])
        if convert is not None:
            out.append((index, convert))
    return out


def _optional(hint: Any) -> tuple[Any, bool]:
    """The type inside `X | None`, and whether it was one."""
    if isinstance(hint, UnionType) or typing.get_origin(hint) is typing.Union:
        rest = [arg for arg in typing.get_args(hint) if arg is not NoneType]
        if len(rest) == 1:
            return rest[0], True
    return hint, False


def _to_plain(hint: Any) -> Convert | None:
    inner, optional = _optional(hint)
    convert = _each(inner, _to_plain, encoder, datetime.isoformat, _items)
    return _or_none(convert) if optional and convert else convert


def _from_plain(hint: Any) -> Convert | None:
    inner, optional = _optional(hint)
    convert = _each(inner, _from_plain, decoder, datetime.fromisoformat, _tuple)
    return _or_none(convert) if optional and convert else convert


def _each(
    hint: Any,
    again: Callable[[Any], Convert | None],
    record: Callable[[type[Any]], Convert],
    moment: Convert,
    as_tuple: Callable[[Convert], Convert],
) -> Convert | None:
    """The change for one value of type `hint` (None when it stays as it is): by
    `record` for a dataclass, `moment` for a date-time, and for a tuple of either
    `as_tuple` (a list in the cache, a tuple back)."""
    if hint is datetime:
        return moment
    if is_dataclass(hint) and isinstance(hint, type):
        return record(hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (list, tuple) and args and (len(args) == 1 or args[1] is Ellipsis):
        convert = again(args[0])
        if convert is None:
            return None
        return _items(convert) if origin is list else as_tuple(convert)
    return None


def _items(convert: Convert) -> Convert:
    def items(values: Any) -> list[Any]:
        return [convert(value) for value in values]

    return items


def _tuple(convert: Convert) -> Convert:
    def as_tuple(values: Any) -> tuple[Any, ...]:
        return tuple([convert(value) for value in values])

    return as_tuple


def _or_none(convert: Convert) -> Convert:
    def or_none(value: Any) -> Any:
        return None if value is None else convert(value)

    return or_none
