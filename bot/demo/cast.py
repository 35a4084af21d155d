"""Who takes part in the demo month, and what they write: a network of organizations in Balkh."""

from __future__ import annotations

from dataclasses import dataclass

from bot.demo.stage import Person

# The demo's people: Telegram id (made up, never a real account), first name, language, family
# name. The coordinator, then each organization's people, its admin first.
COORDINATOR = Person(9_100_000_001, "Farhad", "en", "Amiri")
MARIAM, AHMAD_ZIA = (
    Person(9_100_000_011, "Mariam", "fa", "Rahimi"),
    Person(9_100_000_012, "Ahmad Zia", "fa", "Noori"),
)
JAWID, ZARGHUNA, YAMA = (
    Person(9_100_000_021, "Jawid", "fa", "Sultani"),
    Person(9_100_000_022, "Zarghuna", "ps", "Stanikzai"),
    Person(9_100_000_023, "Yama", "en", "Ahmadi"),
)
GUL_AHMAD, WAHIDA, OMID = (
    Person(9_100_000_031, "Gul Ahmad", "ps", "Wardak"),
    Person(9_100_000_032, "Wahida", "ps", "Hotak"),
    Person(9_100_000_033, "Omid", "en", "Rezaie"),
)
FATIMA, PALWASHA, NAZIRA, SHABNAM = (
    Person(9_100_000_041, "Fatima", "fa", "Sadat"),
    Person(9_100_000_042, "Palwasha", "ps", "Safi"),
    Person(9_100_000_043, "Nazira", "fa", "Karimi"),
    Person(9_100_000_044, "Shabnam", "fa", "Ahmadzai"),
)
# The network's coordination group (a made-up id too).
GROUP_ID = -1_009_100_000_001
GROUP_TITLE = "شبکه هماهنگی نهادهای بلخ"


@dataclass(frozen=True)
class Organization:
    """An organization of the network: who registers it, what they type, who joins it."""

    name: str
    kind: str
    district: str
    focus: str
    contact: str
    admin: Person
    members: tuple[Person, ...]


# Each organization: its name, kind, district, focus and phone as its admin types them; its
# admin; those who join it with its invite link.
UNION, MEDIA, UNIVERSITY, WOMEN = ORGANIZATIONS = (
    Organization(
        "اتحادیه نهادهای مدنی بلخ",
        "union",
        "مزار شریف",
        "هماهنگی میان نهادهای مدنی ولایت بلخ",
        "+93 700 100 201",
        MARIAM,
        (AHMAD_ZIA,),
    ),
    Organization(
        "مرکز رسانه‌ای مزار",
        "media",
        "مزار شریف",
        "آموزش خبرنگاران و دسترسی به اطلاعات",
        "+93 700 100 202",
        JAWID,
        (ZARGHUNA, YAMA),
    ),
    Organization(
        "د بلخ پوهنتون د محصلینو مدني ډله",
        "university",
        "مزار شریف",
        "د ځوانانو مدني زده‌کړه او رضاکاري",
        "+93 700 100 203",
        GUL_AHMAD,
        (WAHIDA, OMID),
    ),
    Organization(
        "انجمن زنان بلخ",
        "ngo",
        "بلخ",
        "حمایت از زنان و دختران در ولسوالی‌های بلخ",
        "+93 700 100 204",
        FATIMA,
        (PALWASHA, NAZIRA, SHABNAM),
    ),
)
MEMBERS = tuple(person for org in ORGANIZATIONS for person in (org.admin, *org.members))
PEOPLE = (COORDINATOR, *MEMBERS)

# The meeting, as the coordinator types it.
MEETING_TITLE = "جلسه ماهوار هماهنگی نهادهای بلخ"
MEETING_DATE = "2026-12-23 10:00"  # Wednesday 2 Jadi 1405, in Kabul time
NEXT_MEETING_DATE = "2027-01-20 10:00"  # Wednesday 30 Jadi 1405
MEETING_VENUE = "پوهنتون بلخ، تالار کنفرانس"
MEETING_AGENDA = "گزارش نهادها؛ نگرانی‌های اعضا؛ برنامه ماه آینده"


@dataclass(frozen=True)
class Concern:
    """A concern someone raises: text (or a voice note), topic, and whether it is anonymous."""

    person: Person
    topic: str
    text: str | None  # None: a voice note
    anonymous: bool = False


COORDINATION = Concern(
    AHMAD_ZIA,
    "coordination",
    "نبود هماهنگی میان نهادها: ماه گذشته سه نهاد یک کارگاه را در ولسوالی چهاربولک تکرار "
    "کردند و به ولسوالی‌های دیگر هیچ برنامه‌ای نرسید.",
)
SAME_AGAIN = Concern(
    GUL_AHMAD,
    "coordination",
    "د بنسټونو ترمنځ همغږي نشته؛ ډېری پروګرامونه په یوه ولسوالۍ کې دوه ځله کېږي.",
)
MONOPOLY = Concern(
    WAHIDA,
    "funding",
    "یو څو لوی بنسټونه ټولې پروژې او بودیجې په انحصار کې لري؛ کوچني او ځوان بنسټونه "
    "هېڅ فرصت نه پیدا کوي.",
)
THREATS = Concern(
    ZARGHUNA,
    "security",
    "خبریالانو ته، په ځانګړې توګه ښځینه خبریالانو ته، امنیتي ګواښونه زیات شوي دي؛ "
    "ځینې یې کار پرېښی دی.",
    anonymous=True,
)
VOICE = Concern(PALWASHA, "capacity", None)
INFORMATION = Concern(
    YAMA,
    "media",
    "Local radio stations cannot get answers from the provincial departments in time, so "
    "rumours spread before the facts.",
)
CONCERNS = (COORDINATION, SAME_AGAIN, MONOPOLY, THREATS, VOICE, INFORMATION)

# What the coordinator tells those going, two days before.
NOTICE = (
    "دروازه پوهنتون بلخ بررسی امنیتی دارد: لطفاً تذکره یا کارت نهاد خود را همراه بیاورید "
    "و ساعت ۹:۴۵ برسید."
)

# The motion the coordinator puts to the members at the meeting.
MOTION = "آیا یک کمیته مشترک هماهنگی از چهار نهاد ساخته شود که هر دو هفته یک بار جلسه کند؟"

# How each member answers the invitation (Nazira waits until she is nudged).
ANSWERS = {
    MARIAM: "go",
    AHMAD_ZIA: "go",
    JAWID: "go",
    ZARGHUNA: "go",
    YAMA: "maybe",
    GUL_AHMAD: "go",
    WAHIDA: "go",
    OMID: "no",
    FATIMA: "go",
    PALWASHA: "go",
    SHABNAM: "maybe",
}
SHOWN_ANSWERS = (MARIAM, YAMA, OMID, PALWASHA)

# The concerns each member puts a dot on (three dots each at most).
DOTS = {
    MARIAM: (COORDINATION, THREATS, MONOPOLY),
    AHMAD_ZIA: (COORDINATION, MONOPOLY),
    JAWID: (THREATS, INFORMATION),
    ZARGHUNA: (THREATS, INFORMATION, COORDINATION),
    YAMA: (INFORMATION, THREATS),
    GUL_AHMAD: (COORDINATION, MONOPOLY, VOICE),
    WAHIDA: (MONOPOLY, COORDINATION),
    FATIMA: (THREATS, VOICE, COORDINATION),
    PALWASHA: (VOICE, THREATS),
    SHABNAM: (THREATS,),
}

# Who comes to the meeting and checks in (Jawid said he would come but does not; Nazira, whose
# phone is broken, is checked in by the coordinator).
CHECK_INS = (MARIAM, AHMAD_ZIA, ZARGHUNA, YAMA, GUL_AHMAD, WAHIDA, FATIMA, PALWASHA)

# Each ballot cast on the motion: 0 yes, 1 no, 2 abstain.
VOTES = {
    MARIAM: 0,
    AHMAD_ZIA: 0,
    ZARGHUNA: 0,
    YAMA: 2,
    GUL_AHMAD: 0,
    WAHIDA: 1,
    FATIMA: 0,
    PALWASHA: 0,
}

# What the meeting decided, and who does what by when (the day of the demo it is due).
DECISIONS = (
    "کمیته مشترک هماهنگی با یک نماینده از هر نهاد ساخته شد و هر دو هفته یک بار جلسه می‌کند.",
    "هر نهاد پیش از آغاز برنامه‌ای در یک ولسوالی، آن را با کمیته هماهنگی شریک می‌کند.",
)


@dataclass(frozen=True)
class Action:
    """An action item: what is to be done, the organization that does it, the day it is due."""

    text: str
    owner: Organization
    due_day: int


ACTIONS = (
    Action(
        "راهنمای ایمنی برای خبرنگاران، به‌ویژه خبرنگاران زن، آماده و با همه نهادها شریک شود.",
        MEDIA,
        37,  # Wednesday 6 January 2027: its admins are reminded two days before
    ),
    Action(
        "فهرست برنامه‌های هر نهاد در هر ولسوالی یک‌جا ساخته شود تا کارها تکرار نشوند.",
        UNION,
        44,
    ),
)
