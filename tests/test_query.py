"""Reading query strings strictly, and the error that says what is wrong with one."""

import pickle
import traceback

import pytest

from apps.query import QueryError, parse_query

COLOURS = {"colour": {"red", "blue"}}


def test_a_query_error_is_a_plain_exception_that_takes_notes():
    """A frozen dataclass refused ``add_note`` (and any attribute a caller sets)."""
    error = QueryError("colour", "“green” is not an accepted value for “colour”.", ("blue",))
    error.add_note("while reading the body map")
    assert error.__notes__ == ["while reading the body map"]
    assert "while reading the body map" in "".join(traceback.format_exception(error))


def test_a_query_error_raised_from_parse_query_takes_notes_as_it_goes_up():
    with pytest.raises(QueryError) as caught:
        try:
            parse_query([("colour", "green")], multiple=COLOURS)
        except QueryError as error:
            error.add_note("in the body map")
            raise
    assert caught.value.__notes__ == ["in the body map"]


def test_a_query_error_says_what_it_said_before():
    error = QueryError(parameter="colour", message="Not a colour.", accepted=["blue", "red"])
    assert str(error) == "Not a colour."
    assert (error.parameter, error.message, error.accepted) == (
        "colour",
        "Not a colour.",
        ("blue", "red"),
    )
    assert repr(error) == (
        "QueryError(parameter='colour', message='Not a colour.', accepted=('blue', 'red'))"
    )
    assert isinstance(error, ValueError)
    assert QueryError("colour", "Not a colour.").accepted == ()


def test_a_query_error_survives_pickling():
    error = pickle.loads(pickle.dumps(QueryError("colour", "Not a colour.", ("blue",))))
    assert (error.parameter, str(error), error.accepted) == ("colour", "Not a colour.", ("blue",))


def test_an_unknown_value_names_the_parameter_and_what_it_accepts():
    with pytest.raises(QueryError) as caught:
        parse_query([("colour", "green")], multiple=COLOURS)
    assert caught.value.parameter == "colour"
    assert caught.value.accepted == ("blue", "red")
    assert str(caught.value) == "“green” is not an accepted value for “colour”."
