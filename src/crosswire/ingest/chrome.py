"""What page chrome looks like, line by line, for any outlet.

The patterns are the generic vocabulary of web pages (subscribe prompts, "Read next" blocks,
photo credits, comment prompts, syndication footers), never strings of one outlet. Each pattern
is tried only on short lines or on lines that are not article prose, so an article sentence that
mentions a newsletter or a magazine stays in the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crosswire.model import DropReason

_I = re.IGNORECASE

# A short line that opens a block of links or teasers: everything after it is page furniture.
SECTION_MARKER = re.compile(
    r"^(?:read (?:next|more|also)|also read|more (?:news|stories|headlines|information)"
    r"|more (?:from|on|in|about) [\w' -]{1,40}|related(?: articles| stories| news| content"
    r"| posts| coverage| reading| links| topics)?|editors?['’]? ?(?:picks?|choice)"
    r"|news ?feed|(?:most|the most) (?:read|popular|viewed|shared|watched)|trending(?: now| news"
    r"| stories)?|recommended(?: for you| stories| reading)?|you (?:may|might) (?:also )?(?:like"
    r"|be interested in)|latest(?: news| stories| headlines| updates)?|top (?:stories|news)"
    r"|see also|further reading|popular(?: now| stories)?|in other news|what to read next"
    r"|don['’]t miss|other news|(?:stories|articles) you may have missed|more to read"
    r"|keep reading|recent (?:posts|stories|news)|in case you missed it|more|also|see more"
    r"|watch next|up next"
    # Russian
    r"|читайте (?:также|ещё|еще)|по теме|новости по теме|(?:ещё|еще) по теме|другие новости"
    r"|самое читаемое|популярное|главное|последние новости)\s*(?:[:.]|\.\.\.|…)?$",
    _I,
)

COMMENT_MARKER = re.compile(
    r"^(?:comments?|\d+ comments?|discussion|reader comments|комментарии(?: \(\d+\))?)\s*:?$", _I
)

# An in-body teaser: "Read more: Some other headline".
INLINE_TEASER = re.compile(
    r"^\[?(?:read (?:more|also|next)|also read|related(?: post| story| article)?|see also|see more"
    r"|more|watch|listen|recommended|must read|don['’]t miss|читайте (?:также|ещё|еще)|по теме)"
    r"\s*[:|—–-]\s*\S"
    r"|^also on [a-z0-9-]+\.[a-z]{2,}\b",
    _I,
)

_CALL_TO_ACTION = re.compile(
    r"^(?:subscribe|sign (?:up|in)|log ?in|register|join|download|follow us|pre-?order|enter"
    r"|click|tap|support|donate|become|get (?:a|the|our|your|access|unlimited|it)|try|start"
    r"|share this|listen to|watch|don['’]t miss|be among|be the first|please"
    r"|подписывайтесь|подпишитесь|войдите|зарегистрируйтесь|поделиться|скачайте)\b",
    _I,
)

_NEWSLETTER = re.compile(
    r"\b(?:subscri(?:be|bed|bers?|ptions?|bing)|newsletters?|sign(?:ing)?[ -]up"
    r"|e-?mail(?: address)?|indicates required|inbox|unsubscribe"
    r"|daily (?:email|digest|briefing)|подпи(?:сывайтесь|шитесь|ска|саться)|рассылк[аиуе]"
    r"|telegram-канал\w*)\b",
    _I,
)

_PROMO = re.compile(
    r"\b(?:magazine|pre-?order|membership|become a (?:member|patron|subscriber)|support (?:our"
    r"|independent) journalism|donat(?:e|ion)|ad-free|premium|special offer|free trial"
    r"|app store|google play|download (?:the|our) app|limited time|be among the first"
    r"|get it now|shop now|buy now|click here|issues for [£$€]|members get|order reprints"
    r"|share (?:it|this story|this article) with)\b",
    _I,
)

_NAVIGATION = re.compile(
    r"^(?:skip to (?:main )?content|skip navigation|edit (?:post|page|article)|menu|main menu"
    r"|home|search|share(?: this(?: article| story| page)?| on \w+)?|print(?: this)?|email"
    r"|tweet|facebook|twitter|x|whatsapp|telegram|linkedin|reddit|copy link|back to top"
    r"|advertisement|advert|ad|sponsored(?: content)?|open in app|toggle navigation|close"
    r"|accept(?: all)?(?: cookies)?|cookie (?:settings|policy)|privacy policy|terms of (?:use"
    r"|service)|contact us|about us|next|previous|prev|load more|show more|view all|see all"
    r"|sections|topics|tags?|categories|log ?in|sign ?in|register|\d+ min(?:ute)?s? read"
    r"|главная|меню|поиск|реклама|поделиться(?::.*)?)\s*$"
    # A menu or breadcrumb: short items between bars, chevrons, slashes or dots.
    r"|^[\w'’&.-]+(?: [\w'’&.-]+){0,2}(?: (?:[|>/»·]|::) [\w'’&.-]+(?: [\w'’&.-]+){0,2}){1,}\s*$",
    _I,
)

_READ_TIME = re.compile(r"\b\d+\s*min(?:ute)?s?\s+read\b", _I)

_COMMENTS = re.compile(
    r"^(?:leave|add|post|write|show|view|load|read|see|hide)\b.{0,30}\bcomments?\b"
    r"|^\d+\s+comments?$|\bwhat(?: is|['’]s) your (?:opinion|view|take)\b"
    r"|\bjoin the (?:discussion|conversation|debate)\b|\bcomments? (?:are|is) closed\b"
    r"|\bhave your say\b|^be the first to comment|\bleave a comment\b|^what do you think\?"
    r"|\btell us what you think\b"
    r"|\b(?:we['’]d|we would) (?:like|love) to hear\b|\bletters? to the editor\b"
    r"|\bоставить комментарий\b|^\d+ комментари",
    _I,
)

_SYNDICATION = re.compile(
    r"\b(?:(?:news|press) release to|publish news of your|distributed by|syndicat(?:ed|ion)"
    r"|republished (?:from|with|by|under)|this (?:article|story|piece) (?:was |is )?(?:originally"
    r" )?(?:published|appeared|first appeared)|all rights reserved|copyright \d{4}|©"
    r"|reproduction (?:is )?(?:prohibited|forbidden)|content provided by|(?:courtesy|used) with"
    r" permission|все права защищены|перепечатка|при (?:цитировании|использовании материалов)"
    r"|(?:courtesy|used) with"
    r" permission|for your personal,? non-commercial use|presentation-ready copies)\b"
    r"|^source\s*:",
    _I,
)

_MEDIA_NOTICE = re.compile(
    r"^this (?:audio|video|article|story|summary) (?:is|was|has been) (?:created|generated"
    r"|produced|read|narrated|translated)|\bai[- ](?:assistance|generated|assisted|voice)\b"
    r"|^listen to (?:this|the) (?:article|story)|^(?:watch|video|audio|listen|podcast|gallery"
    r"|photos?|play video|click to (?:play|expand|enlarge))\s*:?$|^\d+ (?:photos|images)$",
    _I,
)

_CAPTION = re.compile(
    r"\((?:[^()]{0,120}?)(?:getty|reuters|afp|\bap\b|photo|image|credit|shutterstock|\bepa\b"
    r"|sputnik|tass|anadolu|\bpool\b|contributor|alamy|xinhua|/)[^()]{0,120}\)\s*$"
    r"|^(?:photo|image|picture|caption|credit|file photo|pictured|illustration|фото|иллюстрация"
    r"|снимок)\s*(?::|\||by\b)"
    r"|\|\s*(?:photo|image|credit)\s*:|\b(?:photo|image)(?:graph)?: [A-Z]"
    r"|\b[A-Z]{3,}/[A-Z][a-z]+(?: [A-Z][a-z]+)?\s*$",
    _I,
)

_TIMESTAMP = re.compile(
    r"^(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?|(?:updated|published|posted)(?: at| on)?)\b"
    r"[^a-z]{0,40}(?:[ap]\.?m\.?)?"
    r"(?:\((?:updated|published)?:?\s*\))?\s*$",
    _I,
)

# Contributor and contact lines that close wire and newspaper stories.
_CREDIT = re.compile(
    r"^\(?(?:reporting|additional reporting|writing|editing|compiled|research) by\b"
    r"|\bcontributed (?:reporting|to this (?:report|story|article))\b"
    r"|^(?:associated press|ap|reuters|afp) (?:writers?|reporters?|correspondents?)\b"
    r"|^(?:follow|email|write to|contact|reach)\b.{0,80}(?:@|\bon (?:twitter|x|facebook|instagram))"
    r"|\bmay be reached at\b|^have a (?:news )?tip\b",
    _I,
)
_EMAIL_OR_HANDLE = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b|(?:^|\s)@\w{2,}")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b")
_TAGS = re.compile(r"^(?:filed under|tags?|topics?|categories|category|keywords)\s*:", _I)
_ISO_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?$")
_LIST_MARK = re.compile(r"^(?:[-*•·]|\d+[.)])\s+")

_INNER_SENTENCE = re.compile(
    r"\w[.!?][\"”’)]*\s+[\"“‘(]?[A-Z]\w*\s+\w+"
    r"|\w[.!?,][\"”’]\s*[―—–]\s*[A-Z]"  # a quote signed with a dash: "…” ― Maria Lopez"
)
_TERMINAL = re.compile(r"[.!?:;。！？][\"'”’)\]」』]*$")
_ELLIPSIS = re.compile(r"(?:\.\.\.|…)\s*$")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class LineShape:
    words: int
    terminal: bool
    ellipsis: bool
    has_lower: bool

    inner_sentence: bool = False

    @property
    def prose(self) -> bool:
        """Holds a complete sentence: ends like one, or has one inside ("“…” ― Name")."""
        complete = self.terminal or self.inner_sentence
        return self.words >= 5 and complete and not self.ellipsis and self.has_lower

    @property
    def headline(self) -> bool:
        return (
            3 <= self.words <= 30
            and not self.terminal
            and not self.ellipsis
            and not self.inner_sentence
        )

    @property
    def truncated(self) -> bool:
        """An excerpt cut off mid-sentence, as teasers are."""
        return (self.ellipsis and self.words >= 4) or (self.words >= 20 and not self.terminal)


def shape(text: str) -> LineShape:
    stripped = text.strip()
    ellipsis = bool(_ELLIPSIS.search(stripped))
    return LineShape(
        words=len(_WORD.findall(stripped)),
        terminal=bool(_TERMINAL.search(stripped)) and not ellipsis,
        ellipsis=ellipsis,
        # Scripts without case (CJK, Arabic) count as lower; only SHOUTING lines do not.
        has_lower=any(ch.islower() for ch in stripped) or not any(ch.isupper() for ch in stripped),
        inner_sentence=bool(_INNER_SENTENCE.search(stripped)),
    )


def is_section_marker(text: str) -> bool:
    stripped = text.strip()
    return len(stripped) <= 60 and bool(SECTION_MARKER.match(stripped))


def chrome_reason(text: str, *, outside_body: bool = False) -> DropReason | None:
    """The reason this line is chrome, or None if it may be article text.

    ``outside_body`` lowers the bar for promotional vocabulary, which in the header or the
    trailer is almost always an advertisement and in the body is usually reporting.
    """
    stripped = _LIST_MARK.sub("", text.strip())
    line = shape(stripped)
    short = line.words <= 25
    if is_section_marker(stripped):
        return DropReason.RELATED_LINKS
    if _TAGS.match(stripped):
        return DropReason.NAVIGATION
    if _ISO_STAMP.match(stripped) or _TIMESTAMP.match(stripped):
        return DropReason.DATELINE
    if line.words <= 40 and (_CREDIT.search(stripped) or _contact_line(stripped, line)):
        return DropReason.BYLINE
    if _NAVIGATION.match(stripped) or (short and _READ_TIME.search(stripped) and line.words <= 8):
        return DropReason.NAVIGATION
    if short and _MEDIA_NOTICE.search(stripped):
        return DropReason.MEDIA_NOTICE
    if line.words <= 60 and _CAPTION.search(stripped):
        return DropReason.CAPTION
    if (short and _COMMENTS.search(stripped)) or COMMENT_MARKER.match(stripped):
        return DropReason.COMMENTS
    if short and _SYNDICATION.search(stripped):
        return DropReason.SYNDICATION_FOOTER
    if line.words <= 40 and _newsletter_like(stripped, line):
        return DropReason.NEWSLETTER
    if _promo_like(stripped, line, outside_body):
        return DropReason.PROMO
    if INLINE_TEASER.match(stripped) and line.words <= 30:
        return DropReason.RELATED_LINKS
    return None


def _contact_line(text: str, line: LineShape) -> bool:
    """A reporter's address: an e-mail on a short line, or "Follow/Email X ... @handle"."""
    if line.words > 30 or not _EMAIL_OR_HANDLE.search(text):
        return False
    if _EMAIL.search(text) and not line.prose:
        return True
    return bool(re.match(r"^(?:email|write to|contact|reach|follow)\b", text, _I))


def _newsletter_like(text: str, line: LineShape) -> bool:
    hits = len(_NEWSLETTER.findall(text))
    if not hits:
        return False
    if not line.prose or (hits >= 2 and line.words <= 20):
        return True
    return bool(_CALL_TO_ACTION.match(text))


def _promo_like(text: str, line: LineShape, outside_body: bool) -> bool:
    if not _PROMO.search(text):
        return False
    if outside_body:
        return line.words <= 40
    return line.words <= 12 and (not line.prose or bool(_CALL_TO_ACTION.match(text)))


_MASTHEAD = re.compile(r"^(?:The )?[A-ZА-ЯЁ][\w&'’.-]*(?: (?:of |on |&)?[A-ZА-ЯЁ][\w&'’.-]*){1,3}$")


def is_masthead(text: str) -> bool:
    """A short Title Case line above the story, such as an outlet's or wire's name."""
    return bool(_MASTHEAD.match(text.strip())) and chrome_reason(text) is None


def is_timestamp(text: str) -> bool:
    return bool(_TIMESTAMP.match(text.strip()))
