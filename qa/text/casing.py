"""Whether a capitalised word is a name or a common word that opened a sentence.

A sentence's first word is capitalised whatever it is ("Officials said…", "Buttigieg
stepped…"); English text at large tells which: a common word is written far more often in
lower case. Read from tiktoken's BPE vocabulary (llama-index's offline copy, the one the index
counts tokens with): its merges are learned in order of frequency, so a token's id ranks how
common it is.
"""
from __future__ import annotations

from functools import lru_cache

# how much rarer the capitalised form of a word must be than its lower-case form, as ranked by the
# tokenizer below, for the word to count as a common word: "Hours" (7x), "Officials" (8x),
# "Residents" (6x) are lowered; "Police" (2x), "Mark" (2x), "Green" (1.3x) and every word whose
# capitalised form is the commoner ("Trump", "Apple", "Hunter") keep their capital
LOWER_CASE_RATIO = 5


@lru_cache(maxsize=4096)
def written_mostly_in_lower_case(word: str) -> bool:
    """Whether English text writes `word` far more often in lower case than capitalised: the
    lower-case form must be one token, and the capitalised one several tokens or a token
    `LOWER_CASE_RATIO` times further down the ranks."""
    from llama_index.core.utils import get_tokenizer

    encode = get_tokenizer()
    lower, upper = encode(" " + word.lower()), encode(" " + word)
    return len(lower) == 1 and (len(upper) > 1 or upper[0] >= LOWER_CASE_RATIO * lower[0])
