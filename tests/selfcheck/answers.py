"""Any valid set of self-check answers, drawn from the content's own vocabulary, for
the property tests of the engine (test_clinical.py) and of the result page
(test_views.py)."""

from hypothesis import strategies as st

from apps.content.library import get_library

QUESTIONNAIRE = get_library().questionnaire
VOCAB = QUESTIONNAIRE.vocabulary
SINGLE = QUESTIONNAIRE.single_valued
NUMBERS = {q.id for q in QUESTIONNAIRE.questions if q.is_number}


@st.composite
def answer_sets(draw, *, red_flags=True, skip=()):
    pairs: list[tuple[str, str]] = []
    for name, values in VOCAB.items():
        if name in skip:
            continue
        if name == "red_flag":
            if not red_flags:
                continue
            chosen = draw(st.sets(st.sampled_from(sorted(values - {"none"}))))
            if not chosen and draw(st.booleans()):
                chosen = {"none"}
        elif name in NUMBERS:
            choices = st.one_of(st.sampled_from(sorted(values)), st.integers(0, 120).map(str))
            chosen = set(draw(st.lists(choices, max_size=1)))
        elif name in SINGLE:
            chosen = set(draw(st.lists(st.sampled_from(sorted(values)), max_size=1)))
        else:
            chosen = draw(st.sets(st.sampled_from(sorted(values))))
        pairs.extend((name, value) for value in sorted(chosen))
    return draw(st.permutations(pairs))
