"""Speed shortcuts of the alignment's helpers give the results of their plain forms."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine.lexicon import learn_correspondences

#: More than MAX_WORDS_PER_PAIR, so that the rarest are taken too.
WORDS = [f"w{k}" for k in range(40)]

pair_lists = st.lists(
    st.tuples(
        st.lists(st.sampled_from(WORDS), unique=True),
        st.lists(st.sampled_from(WORDS), unique=True),
    ),
    max_size=10,
)


@settings(max_examples=300, deadline=None)
@given(pair_lists, st.randoms(use_true_random=False))
def test_learned_correspondences_ignore_the_order_of_the_words(pairs, rng) -> None:
    """The unshared words are set differences (in hash order): the same pairs with
    their words in any other order teach the same correspondences."""
    rarity = {w: float(k % 4) for k, w in enumerate(WORDS)}  # ties: the words decide
    as_keys = [(dict.fromkeys(a).keys(), dict.fromkeys(b).keys()) for a, b in pairs]
    shuffled = []
    for a, b in pairs:
        a, b = list(a), list(b)
        rng.shuffle(a)
        rng.shuffle(b)
        shuffled.append((dict.fromkeys(a).keys(), dict.fromkeys(b).keys()))
    assert learn_correspondences(as_keys, rarity) == learn_correspondences(shuffled, rarity)
