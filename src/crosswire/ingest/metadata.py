"""Title, byline, date and outlet, where the text states them."""

from __future__ import annotations

import re
from datetime import datetime

from dateutil import parser as dateparser

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_TIME = (
    r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?"
    r"(?:\s*(?:GMT|UTC)?\s*[+-]\d{1,2}(?::?\d{2})?|\s*(?:GMT|UTC|[A-Z]{2,4}))?)?"
)
# Russian months as dates write them (12 мая 2026), in the genitive.
RUSSIAN_MONTHS = {
    "января": "January", "февраля": "February", "марта": "March", "апреля": "April",
    "мая": "May", "июня": "June", "июля": "July", "августа": "August",
    "сентября": "September", "октября": "October", "ноября": "November", "декабря": "December",
}  # fmt: skip
_RU_MONTH = "(?:" + "|".join(RUSSIAN_MONTHS) + ")"
DATE_PATTERN = re.compile(
    rf"(?:\b\d{{1,2}}\s+{_RU_MONTH}\s+\d{{4}}(?:\s*(?:г\.|года))?{_TIME}"
    rf"|\b\d{{4}}-\d{{2}}-\d{{2}}(?:[T ]\d{{2}}:\d{{2}}(?::\d{{2}})?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?"
    rf"|\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}{_TIME}"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}{_TIME}"
    rf"|\b\d{{1,2}}/\d{{1,2}}/\d{{4}}{_TIME})",
    re.IGNORECASE,
)

_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|yesterday|the|a|an"
_NAME_WORD = r"(?!(?i:" + _MONTH[3:-4] + "|" + _WEEKDAY + r")\b)[A-ZА-ЯЁ][\w'’.-]*"
_BYLINE = re.compile(
    rf"^\s*(?i:by|written by|words by|author:|reporting by|posted by|автор:|текст:)\s+"
    rf"(?P<names>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}"
    rf"(?:\s*(?:,|and|&)\s*{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})*)",
)
_NAME_SPLIT = re.compile(r"\s*(?:,|\band\b|&)\s*")

_DOMAIN_LINE = re.compile(
    r"^(?:source:\s*)?(?P<domain>(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*"
    r"\.(?:com|org|net|news|co\.uk|co|io|info|ru|ua|de|fr|uk|eu|in|au|ca|tv|media))\s*$",
    re.IGNORECASE,
)
_SOURCE_LINE = re.compile(r"^(?:source|via|from)\s*:\s*(?P<name>[A-Z][\w .&'-]{1,50})$")
_CARRIER = re.compile(
    r"\b(?:news release to|daily dose of|brought to you by|published (?:here )?by"
    r"|distributed by|republished (?:by|on)|syndicated by)\s+(?P<name>(?:the\s+)?"
    r"[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,4})",
)


def find_byline(line: str) -> list[str] | None:
    match = _BYLINE.match(line)
    if not match:
        return None
    names = [n.strip(" .,") for n in _NAME_SPLIT.split(match.group("names"))]
    names = [n for n in names if n and n[0].isupper()]
    return names or None


def find_date(line: str) -> str | None:
    """The first date in the line as ISO 8601, or None."""
    for match in DATE_PATTERN.finditer(line):
        parsed = parse_date(match.group(0))
        if parsed:
            return parsed
    return None


def parse_date(value: str) -> str | None:
    cleaned = re.sub(r"\b(?:at)\b", " ", value)
    for russian, english in RUSSIAN_MONTHS.items():
        cleaned = re.sub(rf"(?i){russian}(?:\s*(?:г\.|года))?", english, cleaned)
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", cleaned)
    # dateutil reads "GMT+10" the POSIX way (ten hours west); news sites mean ten hours east.
    cleaned = re.sub(r"\b(?:GMT|UTC)\s*([+-])(\d{1,2})(?::?(\d{2}))?", _iso_offset, cleaned)
    try:
        parsed = dateparser.parse(cleaned, fuzzy=True, default=datetime(1900, 1, 1))
    except (ValueError, OverflowError):
        return None
    if parsed.year < 1900 or parsed.year > 2100:
        return None
    has_time = bool(re.search(r"\d[:.]\d{2}", value))
    if not has_time:
        return parsed.date().isoformat()
    return parsed.isoformat()


def _iso_offset(match: re.Match[str]) -> str:
    sign, hours, minutes = match.group(1), int(match.group(2)), match.group(3) or "00"
    return f" {sign}{hours:02d}:{minutes}"


def is_date_line(line: str) -> bool:
    """A line that is mostly a date or time, with at most a section name beside it."""
    match = DATE_PATTERN.search(line)
    if not match:
        return False
    rest = (line[: match.start()] + " " + line[match.end() :]).strip()
    return len(re.findall(r"\w+", rest)) <= 4


def find_outlet_line(line: str) -> str | None:
    stripped = line.strip()
    match = _DOMAIN_LINE.match(stripped)
    if match:
        return match.group("domain")
    match = _SOURCE_LINE.match(stripped)
    return match.group("name").strip() if match else None


def find_carrier(line: str) -> str | None:
    match = _CARRIER.search(line)
    if not match:
        return None
    return match.group("name").strip(" .")


SMALL_WORDS = frozenset({"of", "the", "and", "a", "an", "in", "on", "for", "at", "to", "de"})


def masthead_name(line: str) -> str:
    """A masthead of several words set in capitals, as the name is written: "THE BALTIC
    COURIER" is "The Baltic Courier", "BBC NEWS" "BBC News", "ВЕЛЬДОРИЯ СЕГОДНЯ" "Вельдория
    сегодня" (Russian capitalises the first word only). Anything else is kept as written."""
    name = line.strip()
    words = name.split()
    if not name.isupper() or len(words) < 2:
        return name
    if re.search(r"[А-ЯЁ]", name):
        return name.capitalize()
    return " ".join(_cased(word, first=i == 0) for i, word in enumerate(words))


def _cased(word: str, first: bool) -> str:
    lower = word.lower()
    if lower in SMALL_WORDS:
        return lower.capitalize() if first else lower
    initials = len(word) <= 2 or (len(word) == 3 and not re.search(r"[AEIOUY]", word))
    return word if initials else word.capitalize()  # BBC, AP stay; DAY is Day
