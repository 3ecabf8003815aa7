"""Find the checkable statements in educational text: one detector per kind of fact.

Every pattern is linear (no nested quantifiers) and works on one sentence at a time, so long or
adversarial input is scanned in time proportional to its length. A number becomes a claim only
with the words that make it one ("% lower risk", "median", "mg/kg", "cycles" ...): dates, phone
numbers, section numbers and other drugs' doses are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

NUM = r"(\d{1,3}(?:\.\d{1,3})?)"
WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
         "eleven": 11, "twelve": 12, "fourteen": 14}
TIME_NUMBER = r"(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)"
OTHER_DRUGS = re.compile(r"\b(lapatinib|capecitabine|xeloda|pertuzumab|docetaxel|paclitaxel|ketoconazole|"
                         r"herceptin|trastuzumab(?! emtansine| deruxtecan)|anthracycline)", re.IGNORECASE)
NEGATION = re.compile(r"\b(no|not|never|without|didn't|did not|failed to)\b", re.IGNORECASE)

ENDPOINT_WORDS = [  # the first that matches wins: "invasive disease or death" is IDFS, not OS
    ("IDFS", re.compile(r"\b(invasive disease|IDFS|iDFS|disease-free|cancer-free|recurrence|returning|come back|relapse)", re.IGNORECASE)),
    ("OS", re.compile(r"\b(overall survival|OS|death|died|dying|lived|alive|live longer|survive[ds]?)\b", re.IGNORECASE)),
    ("PFS", re.compile(r"\b(progression|PFS|controlled the disease|disease control|getting worse|growing again)\b", re.IGNORECASE)),
    ("DoR", re.compile(r"\b(duration of response|response lasted)\b", re.IGNORECASE)),
]
RECURRENCE_ONLY = re.compile(r"\b(recurrence|returning|return|come back|relapse|cancer-free)\b", re.IGNORECASE)


@dataclass
class Claim:
    line: int
    text: str  # the sentence as written
    kind: str  # hazard_ratio, risk_reduction, landmark, months, dose, infusion, cycles, schedule, contraception, boxed, pregnancy_category, contraindication
    value: float | None = None
    high: float | None = None  # the upper end of a range
    unit: str = ""
    endpoint: str | None = None
    trial: str | None = None
    timepoint: float | None = None
    detail: dict = field(default_factory=dict)


def endpoint_of(sentence: str) -> str | None:
    for name, pattern in ENDPOINT_WORDS:
        if pattern.search(sentence):
            return name
    return None


def number(text: str) -> float:
    return float(WORDS.get(text.lower(), text)) if text.lower() in WORDS else float(text)


SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z\-*(“\"])")


def sentences(line: str) -> list[str]:
    return [s for s in SENTENCE_END.split(line) if s.strip()]


def detect(sentence: str, line: int, trial: str | None) -> list[Claim]:
    found: list[Claim] = []
    lower = sentence.lower()

    def add(**kw):
        found.append(Claim(line=line, text=sentence.strip(), trial=trial, **kw))

    for m in re.finditer(r"(?:hazard ratio|\bHR)\b[^0-9]{0,45}?" + NUM, sentence, re.IGNORECASE):
        add(kind="hazard_ratio", value=float(m.group(1)), endpoint=endpoint_of(sentence), detail={"negated": bool(NEGATION.search(sentence))})
    for m in re.finditer(NUM + r"\s?(?:%|percent)\s(?:lower|reduced|reduction|less|decrease)", sentence, re.IGNORECASE):
        add(kind="risk_reduction", value=float(m.group(1)), unit="percent", endpoint=endpoint_of(sentence),
            detail={"negated": bool(NEGATION.search(sentence)), "recurrence": bool(RECURRENCE_ONLY.search(sentence))})
    for m in re.finditer(r"(?:reduced|lowered|cut)\s(?:the\s)?risk[^.%]{0,60}?by\s" + NUM + r"\s?(?:%|percent)", sentence, re.IGNORECASE):
        add(kind="risk_reduction", value=float(m.group(1)), unit="percent", endpoint=endpoint_of(sentence),
            detail={"negated": bool(NEGATION.search(sentence)), "recurrence": bool(RECURRENCE_ONLY.search(sentence))})
    years = re.search(TIME_NUMBER + r"[- ]years?\b", sentence, re.IGNORECASE)
    if years and not re.search(r"\b(aged?|older|younger)\b", lower):
        for m in re.finditer(NUM + r"\s?(?:%|percent)?\s?(?:to|-|–|and)\s?" + NUM + r"\s?(?:%|percent)|" + NUM + r"\s?(?:%|percent)(?!\s(?:lower|reduced|reduction|less|decrease))",
                             sentence, re.IGNORECASE):
            low, high, single = m.group(1), m.group(2), m.group(3)
            add(kind="landmark", value=float(low or single), high=float(high) if high else None, unit="percent",
                endpoint=endpoint_of(sentence), timepoint=number(years.group(1)))
    survival = re.search(r"\b(median|average|mean|lived|survival|controlled|progression|response)\b", lower)
    if survival and not re.search(r"contracept|birth control|after the (?:last|final) dose|breastfe", lower):
        for m in re.finditer(NUM + r"\s?months?\b", sentence, re.IGNORECASE):
            statistic = "median" if "median" in lower else ("average" if re.search(r"\b(average|mean)\b", lower) else None)
            add(kind="months", value=float(m.group(1)), unit="months", endpoint=endpoint_of(sentence), detail={"statistic": statistic})
    if not OTHER_DRUGS.search(sentence):
        for m in re.finditer(NUM + r"\s?(?:mg/kg|mg per kilogram|milligrams? per kilogram)", sentence, re.IGNORECASE):
            add(kind="dose", value=float(m.group(1)), unit="mg/kg", detail={"reduction": "reduc" in lower})
        for m in re.finditer(r"\b(\d{1,2})\s?cycles\b", sentence, re.IGNORECASE):
            add(kind="cycles", value=float(m.group(1)), unit="cycles")
        for m in re.finditer(r"every\s(\d|three|two|four)\sweeks|\b(\d{1,2})-day cycle", sentence, re.IGNORECASE):
            add(kind="schedule", value=number(m.group(1)) * 7 if m.group(1) else float(m.group(2)), unit="days")
    if re.search(r"infusion|infuse|drip|dose", lower) and not re.search(r"\bobserv|monitor", lower):
        for m in re.finditer(r"\b(\d{2,3})[- ]?minutes?\b", sentence, re.IGNORECASE):
            before = lower[: m.start()]
            which = "first" if re.search(r"first|initial", before[-40:]) else ("later" if re.search(r"later|subsequent|after", before[-40:]) else None)
            add(kind="infusion", value=float(m.group(1)), unit="minutes", detail={"which": which, "later_mentioned": bool(re.search(r"later|subsequent", lower))})
    if re.search(r"contracept|birth control|prevent pregnancy", lower):
        start = 0
        for m in re.finditer(r"\b(\d{1,2}|seven|four|six)\s?months?\b", sentence, re.IGNORECASE):
            window = lower[start:m.end()]  # who a number is about: the words since the previous number
            start = m.end()
            scope = window if re.search(r"\b(female|women|woman|mothers?|male|men|man|partners?)\b", window) else lower
            who = []
            if re.search(r"\b(female|women|woman|mothers?)\b", scope) or not re.search(r"\b(male|men|man|partners?)\b", scope):
                who.append("female")
            if re.search(r"\b(male|men|man)\b", scope) or re.search(r"\bpartners?\b", scope):
                who.append("male")
            add(kind="contraception", value=number(m.group(1)), unit="months",
                detail={"who": who, "male_partners_of_females": bool(re.search(r"male partners?", scope))})
    if re.search(r"black box|boxed warning", lower):
        count = re.search(r"\b(\d|one|two|three|four|five)\b[^.]{0,30}\b(issues|warnings|risks|problems)", lower)
        if count:
            add(kind="boxed", value=number(count.group(1)))
    if trial == "EMILIA" and re.search(r"\b(compared (?:to|with)|versus|than)\b", lower) and \
            re.search(r"\b(older|standard|other|usual|combination therap|chemotherap)", lower) and "lapatinib" not in lower:
        add(kind="comparator")
    category = re.search(r"pregnancy(?: safety)? category\W{0,6}([ABCDX])\b", sentence, re.IGNORECASE)
    if category:
        add(kind="pregnancy_category", detail={"category": category.group(1).upper()})
    return found


def trial_in(text: str) -> str | None:
    found = re.findall(r"\b(KATHERINE|EMILIA)\b", text)
    return found[-1] if found else None


def extract(text: str) -> list[Claim]:
    """Every claim of a text, with its line number; the trial is the one named in the sentence, else
    in the paragraph so far, else inferred from the setting words (early breast cancer or metastatic)."""
    claims: list[Claim] = []
    paragraph_trial = None
    in_contraindications = False
    for number_, raw in enumerate(text.splitlines(), start=1):
        line = raw[:5000]
        if not line.strip():
            paragraph_trial = None
            continue
        if re.match(r"\s*(#|\*\*[A-Z])", line) or re.match(r"\s*[A-Z][A-Za-z ]{2,40}$", line):
            in_contraindications = bool(re.search(r"contraindication", line, re.IGNORECASE))
            paragraph_trial = None
            if in_contraindications:
                continue
        elif in_contraindications and re.match(r"\s*[-*•]\s+\S", line):
            claims.append(Claim(number_, line.strip(" -*•"), "contraindication", detail={"item": line.strip(" -*•.")}))
            continue
        for sentence in sentences(line):
            trial = trial_in(sentence) or paragraph_trial or _setting(sentence)
            paragraph_trial = trial_in(sentence) or paragraph_trial
            claims += detect(sentence, number_, trial)
        for m in re.finditer(r"\*\*Contraindications:\*\*\s*([^\n]+)", line):
            for item in re.split(r",\s*", m.group(1).strip(" .")):
                claims.append(Claim(number_, line.strip(" -*"), "contraindication", detail={"item": item.strip(" .")}))
    return claims


def _setting(sentence: str) -> str | None:
    lower = sentence.lower()
    if re.search(r"early[- ]stage|early breast|adjuvant|after surgery|residual", lower):
        return "KATHERINE"
    if re.search(r"metastatic|advanced cancer|advanced breast|spread", lower):
        return "EMILIA"
    return None
