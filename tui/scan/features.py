"""What the candidate stage compares: content-word shingles and their MinHash signatures.

A document's features are the pairs of consecutive content words of its text, taken from
the engine's own normalisation (:func:`tui.engine.tokens.terms`: folded, casefolded,
stopwords dropped, lightly stemmed). Pairs of stems survive much of the rewording a copy
goes through (a synonym here, a reordered clause there) that breaks longer word n-grams,
and still tell one story from another on the same subject (see ``docs/SCALE.md``).

A signature is a row of :data:`NUM_PERM` 32-bit min-hash values (rensa's ``RMinHash``, a
seeded, stable hash: the same text gives the same row in any process or machine). From two
signatures and the two feature counts, :func:`containment` estimates the share of the
query's features found in each document.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from tui.engine.tokens import terms

#: Consecutive content words per shingle.
SHINGLE_TERMS = 2
#: Min-hash values per signature: the estimate's standard error is about 1/sqrt(NUM_PERM).
NUM_PERM = 128
#: The seed of the min-hash permutations (part of the index format).
SEED = 1_000_003
#: The dtype of a signature matrix.
SIGNATURE_DTYPE = np.uint32


def shingles(text: str) -> set[str]:
    """The features of ``text``: each run of :data:`SHINGLE_TERMS` content words (a text
    shorter than that: its words)."""
    words = terms(text)
    if len(words) < SHINGLE_TERMS:
        return set(words)
    return {" ".join(words[i : i + SHINGLE_TERMS]) for i in range(len(words) - SHINGLE_TERMS + 1)}


def signatures(feature_sets: Sequence[Iterable[str]]) -> np.ndarray:
    """The signature matrix of ``feature_sets``: one row of :data:`NUM_PERM` values each.

    An empty set gives a row no other row matches (it is never a candidate anyway: its
    size is 0).
    """
    import rensa  # Rust MinHash: ten times the speed of a NumPy one (docs/SCALE.md)

    if not feature_sets:
        return np.zeros((0, NUM_PERM), dtype=SIGNATURE_DTYPE)
    matrix = rensa.RMinHash.digest_matrix_from_token_sets(
        [list(features) for features in feature_sets], NUM_PERM, SEED
    )
    return np.asarray(matrix.to_rows(), dtype=SIGNATURE_DTYPE).reshape(-1, NUM_PERM)


def containment(
    query: np.ndarray, query_size: int, matrix: np.ndarray, sizes: np.ndarray
) -> np.ndarray:
    """Estimated share of the query's features found in each document of ``matrix``.

    The share of equal min-hash values estimates the Jaccard index J of the two sets; with
    the sizes q and d, the overlap is J (q + d) / (1 + J), its share of the query that over
    q. Documents with no features score 0.
    """
    if query_size <= 0 or len(matrix) == 0:
        return np.zeros(len(matrix), dtype=np.float64)
    jaccard = (matrix == query).mean(axis=1)
    overlap = jaccard * (query_size + sizes) / (1.0 + jaccard)
    share = np.minimum(overlap / query_size, 1.0)
    share[sizes <= 0] = 0.0
    return share
