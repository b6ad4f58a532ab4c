"""The skills lexicon (``data/skills.txt``), read once: its names, which are case-sensitive, and finding them in a text.

Two readers share it: :mod:`jobfeedback.mentions` names the skills a text names (for the
next steps), and :mod:`jobfeedback.features` marks them for the model, which keeps the
names it was fitted with (so a fitted model does not change when the file does).

>>> lexicon = default_lexicon()
>>> lexicon.find("We use R and Go; your Excel pivot tables were fine.")
('R', 'Go', 'Excel pivot tables')
>>> lexicon.find("r u free to go over it?")
()
"""

from __future__ import annotations

import hashlib
import re
from functools import cache

from ._resources import load_lines
from .errors import Errors

CASE_SENSITIVE_MARK = "[case-sensitive]"
"""Written after a name in ``skills.txt``: the name counts only when its first letter is written as in the file."""

# A skill name is a run of 1-3 "words" as written in data/skills.txt: letters and digits
# with inner . / - and trailing + or # ("C++", "C#", "Node.js", "CI/CD", ".NET").
_WORDISH = re.compile(r"(?<![\w+#])\.?[A-Za-z0-9](?:[A-Za-z0-9]|[./-](?=[A-Za-z0-9]))*[+#]*")
_MAX_WORDS = 3
_TRAILING_MARK = re.compile(r"\s*(\[[^\]]*\])\s*$")


class SkillLexicon:
    """Skill names, and which of them count only when written with their capital (or small) letter.

    Parameters
    ----------
    entries : iterable of str
        The names, in the file's order (the first of two spellings that read the same wins).
    case_sensitive : iterable of str
        The entries that count only when their first letter is written as in ``entries``
        ("R", "Go", "Word"), and that the model does not mark.
    """

    def __init__(self, entries, case_sensitive=()):
        self.entries = tuple(entries)
        self.case_sensitive = frozenset(case_sensitive)
        unknown = self.case_sensitive - set(self.entries)
        if unknown:
            raise ValueError(Errors.E071.format(names=sorted(unknown)))
        index: dict[tuple[str, ...], str] = {}
        for entry in self.entries:
            words = tuple(w.lower() for w in _WORDISH.findall(entry))
            if 0 < len(words) <= _MAX_WORDS:
                index.setdefault(words, entry)
        self._index = index
        # The most words a name starting with a given word has: most words start none.
        longest: dict[str, int] = {}
        for words in index:
            longest[words[0]] = max(longest.get(words[0], 0), len(words))
        self._longest = longest

    @classmethod
    def from_lines(cls, lines, source: str = "skills.txt") -> SkillLexicon:
        """Read a lexicon from the lines of ``skills.txt`` (comments and blank lines already removed).

        Raises
        ------
        ValueError
            If a line ends in a bracketed marker other than ``[case-sensitive]``.
        """
        entries, case_sensitive = [], []
        for line in lines:
            m = _TRAILING_MARK.search(line)
            entry = line[: m.start()].strip() if m else line.strip()
            if m:
                if m.group(1) != CASE_SENSITIVE_MARK:
                    raise ValueError(Errors.E070.format(source=source, line=line, mark=CASE_SENSITIVE_MARK))
                case_sensitive.append(entry)
            entries.append(entry)
        return cls(entries, case_sensitive)

    @property
    def model_entries(self) -> tuple[str, ...]:
        """The names the model marks: every entry but the case-sensitive ones (lowercased, they are ordinary words)."""
        return tuple(e for e in self.entries if e not in self.case_sensitive)

    def find(self, text: str) -> tuple[str, ...]:
        """Return the names of the lexicon that ``text`` names, in order of first mention.

        Matching is case-insensitive on whole words, longest name first ("Excel pivot
        tables" before "Excel"), except for case-sensitive names, which count only when
        their first letter is written as in the lexicon ("R", not "r").
        """
        index, longest = self._index, self._longest
        words = _WORDISH.findall(text)
        lower = [w.lower() for w in words]
        # Only a word that starts a name can start a match: most words start none.
        starts = [i for i, w in enumerate(lower) if w in longest]
        seen: dict[str, None] = {}
        free = 0  # the first word not inside a name already found
        for i in starts:
            if i < free:
                continue
            for n in range(min(longest[lower[i]], len(words) - i), 0, -1):
                name = index.get(tuple(lower[i : i + n]))
                if name is None:
                    continue
                if name in self.case_sensitive and words[i][0] != name[0]:
                    continue
                seen.setdefault(name, None)
                free = i + n
                break
        return tuple(seen)

    def sha256(self) -> str:
        """Return the sha256 of the names and their case flags (not of the file: comments and layout do not count)."""
        lines = (e + ("\t" + CASE_SENSITIVE_MARK if e in self.case_sensitive else "") for e in self.entries)
        return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()

    def __repr__(self) -> str:
        return f"SkillLexicon({len(self.entries)} entries, {len(self.case_sensitive)} case-sensitive)"


@cache
def default_lexicon() -> SkillLexicon:
    """Return the package's skills lexicon (``data/skills.txt``), read once."""
    return SkillLexicon.from_lines(load_lines("skills.txt"))
