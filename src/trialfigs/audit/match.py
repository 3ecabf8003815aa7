"""What a sentence names, read from the data: trials, analyses, endpoints, arms, jurisdictions.

Every name comes from data/ (trials.csv trial and label; analyses.csv label, analysis type,
publication year, data cut-off and median follow-up; vocabulary.csv endpoint labels and aliases;
arms.csv arm names), so a trial added to the tables is recognised without a code change.
"""

from __future__ import annotations

import re

import pandas as pd

from trialfigs.evidence.load import Evidence

# Plain-language words for endpoints, in priority order ("invasive disease or death" is IDFS, "progression or death" PFS, not OS).
LAY_ENDPOINTS = [  # each phrase is read whole, so "invasive disease or death" is IDFS and "progression or death" PFS, not OS
    # endpoints the tables do not hold, named first so their words are not read as a held one's ("distant recurrence-free
    # survival" is not IDFS; "disease-free survival" without "invasive" is DFS, a different endpoint)
    ("other", r"distant recurrence[- ]free(?: survival| interval)?|recurrence[- ]free interval|(?<!invasive )(?<!invasive-)disease[- ]free survival"
              r"|time to (?:clinically meaningful )?deterioration|time to symptom|(?:treatment|therapy) duration|duration of (?:treatment|therapy)"),
    ("IDFS", r"(?:recurrence of )?invasive (?:breast )?cancer(?: recurrence)? or death|invasive disease(?: or death)?|disease-free|cancer-free|recurrence|returning|returned|come back|coming back|relapse"
             r"|(?:alive )?without (?:the )?(?:cancer|disease)(?: coming back| returning)?|free of (?:invasive )?(?:disease|cancer)"),
    ("PFS", r"(?:disease )?progression(?: or death)?|controlled the disease|disease control|getting worse|growing again"),
    ("OS", r"overall survival|death|died|dying|lived|alive|live longer|survive[ds]?"),
    ("DoR", r"duration of response|response lasted"),
]
LAY = re.compile("|".join(f"(?P<{name}>\\b(?:{words})\\b)" for name, words in LAY_ENDPOINTS), re.IGNORECASE)
BRANDS = ["Kadcyla"]  # the product's brand names; its arm name and generic name come from arms.csv
JURISDICTION = {"US": r"\b(?:US|USA|FDA|United States|American|prescribing information|USPI)\b",
                "EU": r"\b(?:EU|EMA|European|SmPC|summary of product characteristics|UK|MHRA)\b"}
SETTING_WORDS = {"early": r"early[- ]stage|early breast|adjuvant|after surgery|residual",
                 "metastatic": r"metastatic|advanced cancer|advanced breast|spread"}
ABBREVIATIONS = [(r"\b2nd\b", "second"), (r"\b3rd\b", "third"), (r"\b1st\b", "first"), (r"\bia\b", "interim analysis"),
                 (r"\bfa\b", "final analysis"), (r"\bpa\b", "primary analysis")]
STOP = {"analysis", "of", "the", "and", "os", "idfs", "pfs"}
# Other ways of writing a subgroup the tables hold (the key is the subset as endpoints.csv writes it).
SUBSET_ALIASES = {"node-positive": r"\bLN\+|\blymph[- ]node[- ]positive\b|\bnode[- ]positive\b|\bN\+"}
UNKNOWN_TRIAL = re.compile(r"\b(?:the\s)?([A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*(?:\s\d{1,3}(?:/\d{1,3})?)?)\s(?:trial|study)\b")
COMMON_CAPITALS = {"the", "this", "that", "a", "our", "phase", "pivotal", "randomised", "randomized", "clinical", "registration",
                   "international", "multicentre", "multicenter", "open-label", "landmark", "same", "whole", "entire", "earlier", "later",
                   "previous", "prior", "first", "second", "third", "main", "parent", "current", "key", "global", "in", "each", "which", "one",
                   "nejm", "asco", "esmo", "sabcs", "fda", "ema", "nccn", "us", "uk", "eu", "rct", "iii", "ii"}


def _expanded(text: str) -> tuple[str, list[int]]:
    """The text in lower case with abbreviations spelled out ("2nd IA" -> "second interim analysis"),
    and for each of its characters the position in the original text."""
    pattern = re.compile("|".join(f"(?P<a{i}>{short})" for i, (short, _) in enumerate(ABBREVIATIONS)))
    lower, origin, start = [], [], 0
    source = text.lower()
    for m in pattern.finditer(source):
        lower.append(source[start:m.start()])
        origin += range(start, m.start())
        long = ABBREVIATIONS[int(m.lastgroup[1:])][1]
        lower.append(long)
        origin += [m.start()] * len(long)
        start = m.end()
    lower.append(source[start:])
    origin += range(start, len(source) + 1)
    return "".join(lower), origin


def _alternation(names, median_prefix: bool = False) -> re.Pattern | None:
    """Names as whole words; with median_prefix, an abbreviation may carry the "m" of median ("mPFS", "mOS")."""
    names = sorted({n for n in names if n}, key=len, reverse=True)
    if not names:
        return None
    prefix = r"(?:m(?=[A-Z]{2,4}\b))?" if median_prefix else ""
    return re.compile(r"(?<![\w-])" + prefix + "(" + "|".join(re.escape(n) for n in names) + r")(?![\w-])", re.IGNORECASE)


class Names:
    def __init__(self, evidence: Evidence):
        self.evidence = evidence
        trials = evidence.trials
        self.trial_of = {}
        for _, row in trials.iterrows():
            for name in (row["trial"], row.get("label", "")):
                if isinstance(name, str) and name:
                    self.trial_of[name.lower()] = row["trial"]
        self.trial_pattern = _alternation(self.trial_of)
        vocab = evidence.vocabulary
        self.setting_group = {r["value"]: r["group"] for _, r in vocab[vocab.field == "setting"].iterrows()}
        self.endpoint_of = {}
        for _, r in vocab[vocab.field == "endpoint"].iterrows():
            for name in [r["value"], r["label"], *str(r.get("aliases") or "").split("|")]:
                if name and r["value"] not in ("follow_up", "crossover"):
                    self.endpoint_of[name.lower()] = r["value"]
        self.endpoint_pattern = _alternation(self.endpoint_of, median_prefix=True)
        self.time_to_event = set(vocab[(vocab.field == "endpoint") & (vocab.group == "time_to_event")].value)
        response = set(vocab[(vocab.field == "endpoint") & (vocab.group == "response")].value)
        self.response_pattern = _alternation(n for n, e in self.endpoint_of.items() if e in response)
        self.product = self._product(evidence.arms)
        self.events_pattern = _alternation(e for e in evidence.safety.event.unique() if e != "any adverse event")
        self.analysis_rows = evidence.analyses.to_dict("records")  # plain records: read once per sentence, so no pandas here
        self.analysis_hint = self._analysis_hint()
        self.arms_of = {}
        for arm in evidence.arms.to_dict("records"):
            self.arms_of.setdefault(arm["trial"], []).append(arm)
        self.order = {(r["trial"], r["analysis"]): i for i, (_, r) in enumerate(evidence.analyses.iterrows())}
        subsets = [v for v in evidence.endpoints.get("subset", pd.Series(dtype=str)).dropna().unique() if v]
        self.subset_patterns = [(v, re.compile(SUBSET_ALIASES.get(v.lower(), r"\b" + re.escape(v.split()[0]).replace(r"\-", "[- ]") + r"\w*"),
                                              re.IGNORECASE)) for v in subsets]

    def _analysis_hint(self) -> re.Pattern | None:
        """What every way of naming an analysis holds: "analys" (or an abbreviation of it), a year of the tables or a
        median follow-up as printed. Text with none of them names no analysis (None when a follow-up is not a number)."""
        if any(isinstance(r.get("median_follow_up"), str) for r in self.analysis_rows):
            return None
        numbers = {y for r in self.analysis_rows for y in self._years(r)}
        numbers |= {f"{r['median_follow_up']:g}" for r in self.analysis_rows if isinstance(r.get("median_follow_up"), float) and r["median_follow_up"] == r["median_follow_up"]}
        return re.compile("|".join([r"analys", r"\b(?:ia|fa|pa)\b", *(re.escape(n) for n in sorted(numbers))]), re.IGNORECASE)

    @staticmethod
    def _product(arms: pd.DataFrame) -> str:
        """A pattern for the product: the arm most trials have (its name, hyphen optional), the generic name
        its regimen starts with (with the "ado-" prefix US labels use), and the brand names."""
        counts = arms.groupby("arm").trial.nunique()
        shared = list(counts[counts == counts.max()].index) if len(counts) else []  # the arm most trials have
        names = set(BRANDS)
        for arm in shared:
            names.add(re.escape(arm).replace(r"\-", "-?"))
            regimen = arms[arms.arm == arm].regimen.iloc[0]
            generic = re.match(r"([a-z]+[ -][a-z]+)\s+\d", regimen)
            if generic:
                names.add("(?:ado-)?" + re.escape(generic.group(1)).replace(r"\ ", "[- ]"))
        return "|".join(sorted(names, key=len, reverse=True))

    def is_product(self, arm: str) -> bool:
        return bool(re.fullmatch(self.product, arm, re.IGNORECASE))

    # trials -----------------------------------------------------------------------------------
    def trials_in(self, text: str) -> list[str]:
        if not self.trial_pattern:
            return []
        return [self.trial_of[m.group(1).lower()] for m in self.trial_pattern.finditer(text)]

    def trials_in_setting(self, text: str) -> list[str]:
        """The trials of the setting the words describe (early or metastatic); all of them, so several when the data has several."""
        lower = text.lower()
        for group, words in SETTING_WORDS.items():
            if re.search(words, lower):
                return [r["trial"] for _, r in self.evidence.trials.iterrows() if self.setting_group.get(r["setting"]) == group]
        return []

    # analyses ---------------------------------------------------------------------------------
    def analyses_named(self, text: str, trials: list[str]) -> set[tuple[str, str]]:
        """(trial, analysis) pairs the text names: by label ("second interim analysis"), by type
        ("final analysis"), by publication or cut-off year ("2018"), by median follow-up ("8.4 years")."""
        return {key for _, key in self.analysis_mentions(text, trials)}

    def analysis_mentions(self, text: str, trials: list[str]) -> list[tuple[int, tuple[str, str]]]:
        """Where the text names each analysis: (position in the text, (trial, analysis)), in text order."""
        if self.analysis_hint and not self.analysis_hint.search(text):
            return []
        lower, origin = _expanded(text)
        found = []
        for row in self.analysis_rows:
            if trials and row["trial"] not in trials:
                continue
            key = (row["trial"], row["analysis"])
            words = [w for w in re.findall(r"[a-z]+", str(row.get("label") or "").lower()) if w not in STOP]
            patterns = []
            if words:
                patterns.append(r"\b" + r"\W+(?:\w+\W+){0,2}?".join(words) + r"\W+(?:\w+\W+){0,3}?analys[ie]s\b")
                if len(words) == 1:
                    patterns.append(r"\b" + words[0] + r"\W+(?:\w+\W+){0,3}?analys[ie]s\b")
            patterns += [r"(?<!\d)" + year + r"(?!\d)" for year in self._years(row)]
            fu = row.get("median_follow_up")
            fu = f"{fu:g}" if isinstance(fu, float) and fu == fu else fu
            if isinstance(fu, str) and fu:
                patterns.append(r"(?<![\d.])" + re.escape(fu) + r"\s?" + str(row.get("follow_up_unit") or ""))
            for pattern in patterns:
                found += [(origin[m.start()], key) for m in re.finditer(pattern, lower)]
        return sorted(set(found))

    def _years(self, row) -> list[str]:
        years = re.findall(r"(?:19|20)\d\d", str(row.get("publication") or "")) + re.findall(r"^(?:19|20)\d\d", str(row.get("data_cutoff") or ""))
        return sorted(set(years))

    def later(self, trial: str, a: str, b: str) -> bool:
        """Whether analysis b comes after analysis a (analyses.csv order within a trial)."""
        return self.order.get((trial, b), -1) > self.order.get((trial, a), -1)

    # endpoints and arms -----------------------------------------------------------------------
    def endpoint_at(self, text: str, position: int, formal_only: bool = False) -> str | None:
        """The endpoint named nearest before `position` by its name or alias; else the first plain-language match."""
        best = None
        if self.endpoint_pattern:
            for m in self.endpoint_pattern.finditer(text):
                if m.start() < position:
                    best = self.endpoint_of[m.group(1).lower()]
            if best is None:
                after = [self.endpoint_of[m.group(1).lower()] for m in self.endpoint_pattern.finditer(text)]
                best = after[0] if after else None
        if best or formal_only:
            return best
        return self.lay_endpoint_at(text, position)

    def endpoint_before(self, text: str, position: int) -> str | None:
        """The endpoint named nearest before `position` by its name, else in plain words; None if none is."""
        formal = [self.endpoint_of[m.group(1).lower()] for m in self.endpoint_pattern.finditer(text[:position])] if self.endpoint_pattern else []
        lay = [m.lastgroup for m in LAY.finditer(text[:position])]
        return (formal or lay or [None])[-1]

    @staticmethod
    def lay_endpoint_at(text: str, position: int) -> str | None:
        """The plain-language endpoint nearest before `position` ("reduced the risk of death by 34%" is OS even
        after "invasive disease or death" earlier in the sentence), else the first after it."""
        found = [(m.start(), m.lastgroup) for m in LAY.finditer(text)]
        before = [name for start, name in found if start < position]
        after = [name for start, name in found if start >= position]
        return before[-1] if before else after[0] if after else None

    def arms_in(self, text: str, trial: str | None) -> list[str]:
        """Arms of the trial the text names, in the order it names them (the product's own names count for its arm)."""
        if not trial:
            return []
        spans = []  # (start, end, arm): an arm's whole name ("<product> plus pertuzumab") wins over a shorter name inside it
        product = [m.span() for m in re.finditer(self.product, text, re.IGNORECASE)]
        for arm in self.arms_of.get(trial, []):
            whole = r"\s+".join(f"(?:{self.product})" if self.is_product(word) else re.escape(word) for word in arm["arm"].split())
            spans += [(m.start(), m.end(), arm["arm"]) for m in re.finditer(r"(?<![\w-])" + whole + r"(?![\w-])", text, re.IGNORECASE)]
            if self.is_product(arm["arm"]):
                spans += [(s, e, arm["arm"]) for s, e in product]
                continue
            first = arm["arm"].split(" plus ")[0].split()[0]
            for m in re.finditer(r"\b" + re.escape(first) + r"\b", text, re.IGNORECASE):
                if not any(s <= m.start() < e for s, e in product):
                    spans.append((m.start(), m.end(), arm["arm"]))
        kept: list[tuple[int, int, str]] = []
        for start, end, arm in sorted(set(spans), key=lambda x: (x[0] - x[1], x[0])):  # longest first
            if not any(start < e and s < end for s, e, _ in kept):
                kept.append((start, end, arm))
        return [arm for _, _, arm in sorted(kept)]

    # populations --------------------------------------------------------------------------------
    def subset_at(self, text: str, position: int) -> str | None:
        """The population named nearest before `position`: a subgroup the tables hold ("node-positive"), the
        whole population ("" for "ITT", "overall population"), a subgroup they do not hold ("?" and its words),
        or None when the text names none."""
        from .claims import SUBGROUP, WHOLE_POPULATION

        found = [(m.start(), subset) for subset, pattern in self.subset_patterns for m in pattern.finditer(text[:position])]
        found += [(m.start(), "") for m in WHOLE_POPULATION.finditer(text[:position])]
        found += [(m.start(), "?" + m.group(0).strip()) for m in SUBGROUP.finditer(text[:position])]
        return max(found)[1] if found else None

    def unknown_trial(self, text: str) -> bool:
        """Whether the text names a trial the data do not hold ("the APT trial", "in the XYZ-01 study")."""
        for m in UNKNOWN_TRIAL.finditer(text):
            name = m.group(1)
            if name.lower() in self.trial_of or name.split()[0].lower() in COMMON_CAPITALS or re.fullmatch(r"[IVX]+|\d+", name) \
                    or not re.search(r"[A-Z][^A-Z]*[A-Z]|\d", name):  # a trial's name is an acronym or has a number
                continue
            if self.trial_pattern and self.trial_pattern.search(name):
                continue
            if re.search(self.product, name, re.IGNORECASE) or self.endpoint_pattern and self.endpoint_pattern.fullmatch(name):
                continue
            return True
        return False

    def arm_after(self, text: str, position: int, trial: str | None) -> str | None:
        """The arm named right after a value ("9.6 months with <arm>"), up to the next number."""
        rest = text[position:]
        m = re.match(r"[\d.,]+\s?\S*\s(?:with|for|on|in)\s(?:the\s)?([^;]{0,40})", rest)
        if not m:
            return None
        arms = self.arms_in(re.split(r"\s\d", m.group(1))[0], trial)  # up to the next number
        return arms[0] if arms else None

    def jurisdiction(self, text: str) -> str | None:
        for name, words in JURISDICTION.items():
            if re.search(words, text):
                return name
        return None


def _remembered(method):
    """A Names method remembered per instance and arguments: a long document asks the same of the same words often."""
    def wrapper(self, *args, **kwargs):
        cache = self.__dict__.setdefault("_cache", {})
        key = (method.__name__, *(tuple(a) if isinstance(a, list) else a for a in args), *sorted(kwargs.items()))
        if key not in cache:
            if len(cache) > 200_000:
                cache.clear()
            cache[key] = method(self, *args, **kwargs)
        value = cache[key]
        return list(value) if isinstance(value, list) else value
    wrapper.__doc__, wrapper.__name__ = method.__doc__, method.__name__
    return wrapper


for _name in ("trials_in", "trials_in_setting", "analysis_mentions", "endpoint_at", "endpoint_before", "arms_in", "arm_after",
              "subset_at", "unknown_trial", "jurisdiction", "analyses_named"):
    setattr(Names, _name, _remembered(getattr(Names, _name)))


def reported(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame.value_status == "reported"] if "value_status" in frame else frame
