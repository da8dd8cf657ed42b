"""The short names readers give outlets: "the LA Times" for the Los Angeles Times, "the OC
Register" for the Orange County Register, "NYT" for The New York Times.

Generated from the outlet's own name by the usual English pattern (initials of the words before
the last, then the last word; the initials of a three-word name; the name without a last word
that only says what kind of publication it is: "Harper's" for Harper's Magazine), so any outlet
indexed later gets its short forms too, with no per-outlet list.
"""
from __future__ import annotations

# a last word that says what kind of publication a name is, which readers drop ("the Harper's
# letter", "a Grazia piece"): English media nouns, not outlet names
_KIND_OF_PUBLICATION = frozenset({"Magazine", "Daily", "Weekly", "Online"})


def outlet_aliases(name: str) -> list[str]:
    """Short forms of a multi-word outlet name, longest first; [] for a one-word name."""
    words = name.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return [" ".join(words)] if words and " ".join(words) != name else []
    head, last = words[:-1], words[-1]
    initials = "".join(w[0] for w in head)
    aliases = [f"{initials} {last}", f"{'.'.join(initials)}. {last}"] if len(head) >= 2 else []
    if len(words) >= 3:
        aliases.append("".join(w[0] for w in words))
    if last in _KIND_OF_PUBLICATION:
        aliases.append(" ".join(head))
    if " ".join(words) != name:
        aliases.insert(0, " ".join(words))
    return list(dict.fromkeys(a for a in aliases if a != name))
