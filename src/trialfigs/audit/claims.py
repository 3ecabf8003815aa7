"""Find the checkable statements in a sentence: one detector per kind of fact.

Every pattern is linear (no nested quantifiers) and reads one sentence, with its block's context,
so long or adversarial input is scanned in time proportional to its length. A number becomes a
claim only with the words that make it one ("% lower risk", "median", "mg/kg", "cycles" ...):
dates, phone numbers, section numbers, confidence intervals, p-values and other drugs' doses are
left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from trialfigs.audit.numbers import NUM, POINTS, TIME_NUMBER, WORD_NUMBER, mask, number

NEGATION = re.compile(r"\b(no|not|never|without|didn't|did not|failed to)\b", re.IGNORECASE)
NOT_A_NEGATION = re.compile(r"\b(?:was |were |had )?not (?:yet )?(?:reached|estimable|evaluable|mature)\b|could not be estimated|not be estimated"
                            r"|no (?:new|grade \d)|not (?:yet )?(?:cross|reach|meet|met)\w* (?:the )?(?:pre-?specified )?(?:\w+ )?(?:boundary|threshold)"
                            r"|(?:boundary|threshold) (?:was |were )?not (?:yet )?(?:reached|crossed|met)", re.IGNORECASE)  # "median OS was not reached" negates no hazard ratio
BOUNDARY = re.compile(r"\b(?:boundary|boundaries|threshold|stopping|cut-?off for|critical value)\b", re.IGNORECASE)
SUBGROUP = re.compile(r"\bamong (?:the )?(?:patients|those|women|people|participants) (?:with|who)\b|\bin (?:the )?(?:\w+[- ])?subgroups?\b"
                      r"|\bhormone[- ]receptor[- ](?:positive|negative)\b|\bnode[- ]negative\b|\bresponders\b|\bpatients with (?:an? )?(?:OR|objective response)\b",
                      re.IGNORECASE)  # a population narrower than the trial's whole one
WHOLE_POPULATION = re.compile(r"\bITT\b|intention[- ]to[- ]treat|\boverall (?:study )?population|\ball (?:randomi[sz]ed )?patients\b|whole population", re.IGNORECASE)
RECURRENCE_ONLY = re.compile(r"\b(recurrence|returning|return|come back|relapse|cancer-free)\b", re.IGNORECASE)
OTHER_DRUG_WORDS = r"pertuzumab|docetaxel|paclitaxel|ketoconazole|herceptin|anthracyclines?|itraconazole|carboplatin"  # and the comparator arms' drugs, from arms.csv
PCT = r"\s?(?:%|percent|per cent)"
REDUCTION = r"\s(?:lower|reduced|reduction|less|decrease|fewer)"
DIGIT = re.compile(r"\d")  # every numeric detector's number holds a digit; a sentence without one can state only a direction, a comparator or a category
HAZARD_RATIO = re.compile(r"(?:hazard ratio|\bHR)\b[^0-9]{0,45}?" + NUM, re.IGNORECASE)
CI_OF_RATIO = re.compile(r"(?:\bCI|confidence interval|confidence limits?)\s(?:for|of|around)\s(?:the\s)?(?:\w+\s){0,3}$", re.IGNORECASE)
NOT_ARMS = re.compile(r"\bassociated with\b|regardless of (?:the )?(?:treatment )?arm|\bprognostic\b|\bpredictive\b|\bversus no\b|\bvs\.? no\b", re.IGNORECASE)
PERCENT_LOWER = re.compile(NUM + PCT + REDUCTION, re.IGNORECASE)
REDUCED_BY = re.compile(r"(?:reduced|lowered|cut)\s(?:the\s)?risk[^.%]{0,60}?by\s" + NUM + PCT, re.IGNORECASE)
DEATH = re.compile(r"\bdeath\b|\bdied\b", re.IGNORECASE)
RESPECTIVELY = re.compile(r"\brespectively\b")
WORD_NUMBER_IN = re.compile(WORD_NUMBER, re.IGNORECASE)  # anywhere, as the label patterns read them ("one" in "done cycles")
DOSE = re.compile(NUM + r"\s?(?:mg/kg|mg per kg|mg per kilogram|milligrams? per kilogram|mg/kilogram)", re.IGNORECASE)
CYCLES = re.compile(r"(?<![\d.])(\d{1,2}|" + WORD_NUMBER + r")\s?(?:cycles|rounds|courses)\b", re.IGNORECASE)
SCHEDULE = re.compile(r"every\s(\d|three|two|four)\sweeks|(?<![\d.])(\d{1,2})-day cycle|\b(\d|three|two|four)-weekly\b|\bq(\d)w(?:ks?)?\b"
                      r"|every\s(\d{1,2})\sdays\b", re.IGNORECASE)
INFUSION = re.compile(r"infusion|infuse|drip|dose")
OBSERVED = re.compile(r"\bobserv|monitor|watch")
MINUTES = re.compile(r"(?<![\d.])(\d{2,3})[- ]?(?:minutes?|mins?)\b", re.IGNORECASE)
CONTRACEPTION = re.compile(r"contracept|birth control|prevent pregnancy|condoms?\b")
CONTRACEPTION_MONTHS = re.compile(r"(?<![\d.])(\d{1,2}|" + WORD_NUMBER + r")\s?months?\b", re.IGNORECASE)
BOXED = re.compile(r"black box|boxed warning")
BOXED_COUNT = re.compile(r"\b(\d|one|two|three|four|five)\b[^.]{0,30}\b(issues|warnings|risks|problems)")
COMPARED = re.compile(r"\b(compared (?:to|with)|versus|than)\b")
VAGUE_COMPARATOR = re.compile(r"\b(older|other|usual|combination therap)")
PREGNANCY_CATEGORY = re.compile(r"pregnancy(?: safety)? category\W{0,6}([ABCDX])\b", re.IGNORECASE)
QW = re.compile(r"q\dw")
YEARS = re.compile(TIME_NUMBER + r"[- ]?(?:years?|yrs?)\b", re.IGNORECASE)
AFTER_FOLLOW_UP = re.compile(r"(?:follow[- ]?up|after a median|median of)\s*(?:of|was|:)?\s*(?:about\s)?$")
RESPONSE = re.compile(r"\b(response rate|responded|objective response|overall response|pathologic(?:al)? complete response)\b", re.IGNORECASE)
ADVERSE = re.compile(r"side effects?|adverse (?:events?|reactions?)|toxicit|grade\s?(?:3|≥\s?3|three)|\bAEs?\b", re.IGNORECASE)
EVENTS = re.compile(r"\bevents?\b|\bdied\b|\bhad (?:a |an )?(?:recurrence|relapse|progressed)")
RATES = re.compile(r"(between\s)?" + NUM + r"(" + PCT + r")?\s?(to|-|–|and|vs\.?|versus|compared with)\s?" + NUM + PCT + r"|" + NUM + PCT, re.IGNORECASE)
AGE = re.compile(r"\b(aged?|older|younger)\b")
FOLLOW_UP = re.compile(r"follow[- ]?up\b[^.;]{0,50}?" + NUM + r"\s?(years?|months?)", re.IGNORECASE)
SURVIVAL = re.compile(r"\b(median|average|mean|lived|survival|controlled|progression|response)\b")
NOT_A_MEDIAN = re.compile(r"contracept|birth control|after the (?:last|final) dose|breastfe")
MONTHS = re.compile(NUM + r"\s?(?:months?|mos?)\b", re.IGNORECASE)
RANDOMISED = re.compile(r"(?<![\d.,])(\d{1,2},?\d{3}|\d{2,4})\s(?:patients|women|people|participants|pts)\b[^.;]{0,80}?\b(?:randomi[sz]ed|randomly assigned|enrolled)"
                        r"|(?:randomi[sz]ed|randomly assigned|enrolled)\s(\d{1,2},?\d{3}|\d{2,4})\s(?:patients|women|people|participants|pts)\b", re.IGNORECASE)


@dataclass
class Claim:
    line: int
    text: str  # the sentence as written
    kind: str
    value: float | None = None
    high: float | None = None  # the upper end of a range
    unit: str = ""
    endpoint: str | None = None
    trial: str | None = None
    timepoint: float | None = None
    detail: dict = field(default_factory=dict)
    value_text: str = ""  # the number as printed, for its precision
    location: str = ""
    trials: list = field(default_factory=list)  # candidate trials when the text names none (from the setting)
    analyses: set = field(default_factory=set)  # (trial, analysis) pairs the context names
    jurisdiction: str | None = None
    arms: list = field(default_factory=list)  # arms named in the sentence, in order


def _product_span_ok(names, sentence: str, position: int, other_drugs: re.Pattern) -> bool:
    """Whether a dose at `position` is about the product: the nearest drug named before it is the product or none."""
    last = None
    for m in other_drugs.finditer(sentence[:position]):
        last = m
    if last is None:
        return True
    product = [m for m in re.finditer(names.product, sentence[:position], re.IGNORECASE)]
    return bool(product) and product[-1].start() > last.start()


def detect(sentence: str, context) -> list[Claim]:
    """Claims of one sentence. `context` gives line, location, trial, trials, analyses, subject, names, other_drugs."""
    found: list[Claim] = []
    masked = mask(sentence)
    lower = masked.lower()
    names = context.names

    def add(position=0, text=None, **kw):
        formal = names.endpoint_at(masked, position, formal_only=True)
        endpoint = kw.pop("endpoint", formal or names.endpoint_at(masked, position))
        kw["detail"] = dict(kw.get("detail", {}))
        kw["detail"]["formal_endpoint"] = bool(formal)  # named as an endpoint, not guessed from plain words
        if position or text:
            kw["detail"]["at"] = position  # where in the sentence: a table cell's claims start after its labels
        kw["detail"]["arm_after"] = names.arm_after(sentence, position, context.trial) if position else None
        subset = names.subset_at(masked, position) if position else None
        kw["detail"]["subset"] = subset if subset is not None else getattr(context, "subset", "")
        if subset is not None:
            kw["detail"]["subset_span"] = True
        kw["detail"]["respectively"] = bool(RESPECTIVELY.search(lower))
        kw["detail"]["carried"] = bool(getattr(context, "carried", False))
        found.append(Claim(line=context.line, text=sentence.strip(), trial=context.trial, endpoint=endpoint, location=context.location,
                           trials=context.trials, analyses=_analyses_of(masked, endpoint, context), value_text=text or "", jurisdiction=context.jurisdiction,
                           arms=names.arms_in(sentence, context.trial), **kw))

    reductions: set = set()
    if DIGIT.search(masked):
        _ratios(sentence, masked, lower, add, reductions)
    if DIGIT.search(sentence):  # percentage points are read in the sentence as written (the masked one blanks them)
        for m in POINTS.finditer(sentence):
            if re.search(r"percentage|pp\b|%-point", m.group(0), re.IGNORECASE):
                add(m.start(1), m.group(1), kind="difference", value=float(m.group(1)), unit="percentage points")
    found += _rates(sentence, masked, lower, context, add, reductions)
    found += _label_facts(sentence, masked, lower, context, add)
    return found


def _percent(lower: str) -> bool:
    """Whether a percentage may be written (every rate pattern ends with PCT)."""
    return "%" in lower or "percent" in lower or "per cent" in lower


def _ratios(sentence, masked, lower, add, reductions) -> None:
    """Hazard ratios ("HR 0.54") and risk reductions ("46% lower risk", "reduced the risk ... by 34%")."""
    ratios = list(HAZARD_RATIO.finditer(masked)) if "hr" in lower or "hazard ratio" in lower else []
    lower_by = list(PERCENT_LOWER.finditer(masked)) if _percent(lower) else []
    reduced_by = list(REDUCED_BY.finditer(masked)) if "risk" in lower else []
    if not (ratios or lower_by or reduced_by):
        return
    negated = bool(NEGATION.search(NOT_A_NEGATION.sub(" ", masked)))
    not_arms = bool(NOT_ARMS.search(masked))
    for m in ratios:
        if CI_OF_RATIO.search(sentence[:m.start()]):
            continue  # "the 95% CI for the hazard ratio was 0.44 to 0.66": an interval, not the estimate
        boundary = bool(BOUNDARY.search(masked[max(0, m.start() - 60):m.start(1)]) or re.search(r"[<>≤≥]\s?$", masked[:m.start(1)]))
        add(m.start(1), m.group(1), kind="hazard_ratio", value=float(m.group(1)), detail={"negated": negated, "boundary": boundary, "not_arms": not_arms})
    for m in lower_by:
        reductions.add(m.start(1))
        add(m.start(1), m.group(1), kind="risk_reduction", value=float(m.group(1)), unit="percent",
            detail={"negated": negated, "recurrence": bool(RECURRENCE_ONLY.search(masked)) and not DEATH.search(masked)})
    for m in reduced_by:
        reductions.add(m.start(1))
        add(m.start(1), m.group(1), kind="risk_reduction", value=float(m.group(1)), unit="percent",
            detail={"negated": negated, "recurrence": bool(RECURRENCE_ONLY.search(masked)) and not DEATH.search(masked)})


def _analyses_of(masked: str, endpoint: str | None, context) -> set:
    """The analyses a value is read at. An analysis the sentence names belongs to the endpoint named
    before it ("halved the risk of invasive disease or death at the primary analysis (HR 0.50) and
    reduced the risk of death by 34%": the primary analysis is the invasive-disease one), so it is
    not the analysis of a value of another endpoint. Named before any endpoint, it is every value's."""
    if not context.mentions or not endpoint:
        return context.analyses
    names = context.names
    return {key for position, key in context.mentions if names.endpoint_before(masked, position) in (None, endpoint)}


def _rates(sentence, masked, lower, context, add, reductions) -> list[Claim]:
    """Landmark rates ("7-year IDFS 80.8% and 67.1%"), response rates, follow-up and medians."""
    if not DIGIT.search(masked):  # no rate, follow-up, median or count: at most which arm had more side effects
        if context.trial and not getattr(context, "carried", False) and (
                ADVERSE.search(masked) or (context.names.events_pattern and context.names.events_pattern.search(masked))):
            _adverse(masked, lower, [], add, context.trial, context)
        return []
    years = None
    for m in YEARS.finditer(masked) if "year" in lower or "yr" in lower else ():
        before = lower[max(0, m.start() - 30):m.start()]
        if AFTER_FOLLOW_UP.search(before) or "." in m.group(1):
            continue  # "after 8.4 years" of follow-up is not a landmark
        years = m
        break
    response = RESPONSE.search(masked) \
        or (context.names.response_pattern and context.names.response_pattern.search(masked))
    adverse = ADVERSE.search(masked) \
        or (context.names.events_pattern and context.names.events_pattern.search(masked))
    events = EVENTS.search(lower)
    values = list(RATES.finditer(masked)) if _percent(lower) else []
    if AGE.search(lower):
        values = []
    values = [m for m in values if not re.search(r"(?:[<>≤≥]|over|under|above|below|at least|including)\s?$", masked[:m.start()], re.IGNORECASE)
              and not re.match(r"\s*(?:were |was )?(?:complete|partial) respon", masked[m.end():], re.IGNORECASE)]  # "34.2%, including 8.7% complete responses"
    if adverse and response:  # "a lower pCR rate (44.4% v 55.7%), but fewer severe AEs": the rates before the AE words are the response's
        own = [m for m in values if response.start() < m.start() < adverse.start()]
        ae_values = [m for m in values if m not in own]
    else:
        own, ae_values = ([], values) if adverse else (values, [])
    for m in own:
        low, connector, high, single = m.group(2), m.group(4), m.group(5), m.group(6)
        start = m.start(2) if low else m.start(6)
        if start in reductions:
            continue
        ranged = low and (m.group(1) or connector.lower() in ("to", "-", "–"))
        pieces = [(low, start, high)] if ranged else ([(low, m.start(2), None), (high, m.start(5), None)] if low else [(single, start, None)])
        for index, (text, position, upper) in enumerate(pieces):
            arm_kw = {"detail": {"pair": len(pieces) == 2, "index": index}}
            if response:
                add(position, text, kind="response", value=float(text), unit="percent", **arm_kw)
            elif events and not years:
                add(position, text, kind="events", value=float(text), unit="percent", **arm_kw)
            elif years:
                add(position, text, kind="landmark", value=float(text), high=float(upper) if upper else None, unit="percent",
                    timepoint=number(years.group(1)), **arm_kw)
    if adverse:
        _adverse(masked, lower, ae_values, add, context.trial, context)
    for m in FOLLOW_UP.finditer(masked) if "follow" in lower else ():
        add(m.start(1), m.group(1), kind="follow_up", value=float(m.group(1)), unit=m.group(2).rstrip("s"), endpoint="follow_up")
    survival = "mo" in lower and (SURVIVAL.search(lower) or names_time_to_event(context.names, masked))  # a median is in months
    if survival and not NOT_A_MEDIAN.search(lower):
        for m in MONTHS.finditer(masked):
            before = lower[:m.start()]
            if "follow" in before and not re.search(r"survival|progression|response", before[before.rindex("follow"):]):
                continue  # a median follow-up is not a survival median
            original = sentence.lower()[:m.start()]
            if "(" in original and re.search(r"\bci\b|confidence|iqr|range|not (?:yet )?reached\s*\($", original[original.rindex("(") - 20:]):
                continue  # a bound of an interval ("not reached (95% CI 40.5 months to not estimable)")
            if re.match(r"\s?(?:months?|mos?)\s(?:of|after|from|since)\s(?:the\s)?(?:randomi|enrol|start|first|last|diagnosis|surgery|treatment)", lower[m.end(1):]) \
                    or re.search(r"\b(?:within|up to|every|for|at|last(?:ed|ing)?|duration|lasts?)\s(?:about\s|approximately\s)?$", before):
                continue  # "within 6.5 months of randomisation", "treatment for 12 months": a time, not a median
            if re.search(r"\b(?:treatment|therapy|exposure) duration|duration of (?:treatment|therapy|exposure)|time to (?!progression|death|recurrence|treatment failure)",
                         before[-80:]):
                continue  # "median treatment duration", "median time to deterioration": not a survival median
            statistic = "median" if "median" in lower else ("average" if re.search(r"\b(average|mean)\b", lower) else None)
            add(m.start(1), m.group(1), kind="months", value=float(m.group(1)), unit="months", detail={"statistic": statistic})
    for m in RANDOMISED.finditer(masked) if "randomi" in lower or "randomly assigned" in lower or "enrolled" in lower else ():
        text = (m.group(1) or m.group(2)).replace(",", "")
        add(m.start(), text, kind="randomised", value=float(text), endpoint=None,
            detail={"per_arm": bool(re.search(r"each (?:arm|group)|per (?:arm|group)", lower))})
    return []


def names_time_to_event(names, text: str) -> bool:
    """Whether the text names a time-to-event endpoint by its name or abbreviation ("mPFS", "OS")."""
    return bool(names.endpoint_pattern) and any(names.endpoint_of.get(m.group(1).lower()) in names.time_to_event
                                               for m in names.endpoint_pattern.finditer(text))


def _adverse(masked, lower, values, add, trial, context=None):
    """Side effects by arm: rates ("26.1% vs 15.7%") and direction ("more severe side effects with <arm>")."""
    category = ("grade_3_or_higher" if re.search(r"grade\s?(?:3|≥\s?3|three)|severe", lower) else
                "serious" if re.search(r"\bserious\b", lower) else None)
    direction = re.search(r"\b(more|higher|greater|increased|fewer|less|lower|reduced)\b", lower)
    previous, last = 0, None
    for m in values:
        pieces = [(m.group(2), m.start(2)), (m.group(5), m.start(5))] if m.group(2) else [(m.group(6), m.start(6))]
        words = lower[previous:m.start()]  # what this value is a rate of: the words since the previous value
        previous = m.end()
        own = ("leading_to_discontinuation" if re.search(r"discontinu|stopp(?:ed|ing) (?:treatment|therapy)", words) else
               "serious" if re.search(r"\bserious\b|\bsaes?\b", words) else
               "grade_3_or_higher" if re.search(r"grade\s?(?:3|≥\s?3|three)|severe", words) else last)  # "(18.4% v 3.8%)": the second shares the first's
        last = own
        for i, (text, position) in enumerate(pieces):
            add(position, text, kind="adverse_event", value=float(text), unit="percent", endpoint=None,
                detail={"category": own or category, "pair": len(pieces) == 2, "index": i})
    if direction and not values and trial and not getattr(context, "carried", False):
        add(direction.start(), "", kind="adverse_direction", endpoint=None,
            detail={"category": category, "more": direction.group(1) in ("more", "higher", "greater", "increased"), "position": direction.start()})


def _which(before: str, after: str) -> str | None:
    """Which infusion a number is about: a "first" or "later" word in its own clause, before it, else after it
    ("90 minutes the first time; 30 minutes for later doses if the first was tolerated"), else the nearest before."""
    clause_before = re.split(r"[;,]", before)[-1]
    clause_after = re.split(r"[;,]", after)[0]
    if re.search(r"\bif (?:you )?(?:tolerate|tolerated)\b|\bif (?:the |your )?first\b[^.;]{0,30}\btolerated\b|\btolerated? (?:your |the )?first\b", clause_after):
        return "later"  # "30 minutes if you tolerate your first infusion well": a later infusion
    for text, last in ((clause_before, True), (clause_after, False), (before, True)):
        words = list(re.finditer(r"(first|initial)|(later|subsequent|after|following|then|thereafter)", text))
        if words:
            word = words[-1] if last else words[0]
            return "first" if word.group(1) else "later"
    return None


def _label_facts(sentence, masked, lower, context, add) -> list[Claim]:
    """Dose, cycles, schedule, infusion time, contraception, boxed warning, comparator, pregnancy category."""
    if DIGIT.search(masked) or WORD_NUMBER_IN.search(masked):
        _label_numbers(sentence, masked, lower, context, add)
    if context.trial and not getattr(context, "carried", False) and COMPARED.search(lower) and \
            VAGUE_COMPARATOR.search(lower) and not context.names.arms_in(sentence, context.trial)[1:]:
        add(0, "", kind="comparator", endpoint=None)
    category = PREGNANCY_CATEGORY.search(sentence)
    if category:
        add(0, "", kind="pregnancy_category", endpoint=None, detail={"category": category.group(1).upper()})
    return []


def _label_numbers(sentence, masked, lower, context, add) -> None:
    """The label facts that are numbers: dose, cycles, schedule, infusion time, contraception, boxed warning."""
    other = context.other_drugs
    for m in DOSE.finditer(masked) if "mg" in lower or "milligram" in lower else ():
        if _product_span_ok(context.names, masked, m.start(), other):
            add(m.start(1), m.group(1), kind="dose", value=float(m.group(1)), unit="mg/kg", endpoint=None, detail={"reduction": bool(re.search(r"reduc|lower|decrease|\bcut", lower))})
    for m in CYCLES.finditer(masked) if "cycles" in lower or "rounds" in lower or "courses" in lower else ():
        before = lower[max(0, m.start() - 60):m.start()]
        if re.search(r"\b(?:at least|minimum|min\.|eligib|criteria|prior|previous|before enrol)\b[^.;]*$|\b(?:every|each)\s$", before) \
                or re.match(r"\s?(?:cycles|rounds|courses)\s(?:of\s)?(?:neoadjuvant|preoperative|prior|previous|chemotherapy|anthracycline)", lower[m.end(1):]):
            continue  # an eligibility criterion, a schedule ("every 2 cycles") or another treatment's cycles: not the treatment's length
        if _product_span_ok(context.names, masked, m.start(), other):
            add(m.start(1), m.group(1), kind="cycles", value=number(m.group(1)), unit="cycles", endpoint=None)
    for m in SCHEDULE.finditer(masked) if "every" in lower or "-day cycle" in lower or "-weekly" in lower or QW.search(lower) else ():
        if _product_span_ok(context.names, masked, m.start(), other):
            weeks = m.group(1) or m.group(3) or m.group(4)
            add(m.start(), "", kind="schedule", value=number(weeks) * 7 if weeks else float(m.group(2) or m.group(5)), unit="days", endpoint=None)
    if INFUSION.search(lower) and not OBSERVED.search(lower):
        numbers = list(MINUTES.finditer(masked))
        for i, m in enumerate(numbers):
            before = lower[: m.start()][-40:]
            after = lower[m.end(): numbers[i + 1].start() if i + 1 < len(numbers) else m.end() + 40][:40]
            if numbers[i - 1:i] and not before.strip(" .;,") == "":
                before = lower[numbers[i - 1].end(): m.start()]
            which = _which(before, after)
            if re.match(r"\s*(?:after that|after this|then|thereafter|later|subsequent|following)\b", lower) and i == 0 and not re.search(r"first|initial", before):
                which = "later"  # "After that, each infusion takes about 30 minutes"
            add(m.start(1), m.group(1), kind="infusion", value=float(m.group(1)), unit="minutes", endpoint=None,
                detail={"which": which, "later_mentioned": bool(re.search(r"later|subsequent|following", lower))})
    if CONTRACEPTION.search(lower):
        start = 0
        for m in CONTRACEPTION_MONTHS.finditer(masked):
            window = lower[start:m.end()]  # who a number is about: the words since the previous number
            start = m.end()
            scope = window if re.search(r"\b(female|women|woman|mothers?|male|men|man|partners?)\b", window) else lower
            if not re.search(r"\b(female|women|woman|mothers?|male|men|man|partners?)\b", scope) and context.subject:
                scope = context.subject  # "If you are a man ... Keep using birth control for 4 months"
            who = []
            if re.search(r"\b(female|women|woman|mothers?)\b", scope) or not re.search(r"\b(male|men|man|partners?)\b", scope):
                who.append("female")
            if re.search(r"\b(male|men|man)\b", scope) or re.search(r"\bpartners?\b", scope):
                who.append("male")
            add(m.start(1), m.group(1), kind="contraception", value=number(m.group(1)), unit="months", endpoint=None,
                detail={"who": who, "male_partners_of_females": bool(re.search(r"male partners?", scope))})
    if BOXED.search(lower):
        count = BOXED_COUNT.search(lower)
        if count:
            add(count.start(1), count.group(1), kind="boxed", value=number(count.group(1)), endpoint=None)
