"""From blocks to claims, each read with its context.

The trial of a sentence is the one it names, else the one named earlier in its paragraph (or
table row), else in its heading or slide title, else the trials of the setting it describes. The
analysis is the one named in the sentence, else in the paragraph, heading or table labels. A
subject ("If you are a man") carries to the next sentences of its paragraph, and a question
("What about contraception?") to its answers. Claims inside a
contraindications section are its list items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from trialfigs.audit.claims import Claim, detect
from trialfigs.audit.match import Names
from trialfigs.audit.numbers import sentences
from trialfigs.audit.readers import Block

WHO = re.compile(r"\b(female|women|woman|mothers?|male|men|man|partners?)\b", re.IGNORECASE)


@dataclass
class Context:
    names: Names
    other_drugs: re.Pattern
    line: int = 0
    location: str = ""
    trial: str | None = None
    trials: list = field(default_factory=list)
    analyses: set = field(default_factory=set)
    mentions: list = field(default_factory=list)  # (position, (trial, analysis)) named in the sentence itself
    subject: str = ""
    jurisdiction: str | None = None
    carried: bool = False  # the trial comes from above the paragraph (a title, heading or earlier paragraph), not its own words
    subset: str = ""  # the population carried from earlier sentences of the paragraph ("In node-positive patients ...")


def _other_drugs(names: Names) -> re.Pattern:
    """Drug words that switch a dose off: the comparator arms' drugs (from arms.csv) and common partners."""
    from trialfigs.audit.claims import OTHER_DRUG_WORDS

    words = set()
    for _, arm in names.evidence.arms.iterrows():
        if not names.is_product(arm["arm"]):
            words |= {w for w in re.findall(r"[a-z]{5,}", arm["arm"].lower()) if w not in {"placebo", "alone"}}
    alternation = "|".join(sorted(words | set(OTHER_DRUG_WORDS.split("|")), key=len, reverse=True))
    return re.compile(r"\b(?:" + alternation + r")\b(?![- ]emtansine| deruxtecan)", re.IGNORECASE)


def extract(blocks: list[Block], names: Names) -> list[Claim]:
    claims: list[Claim] = []
    context = Context(names, _other_drugs(names))
    paragraph, paragraph_trial, paragraph_analyses, subject, question = None, None, set(), "", ""
    carried, paragraph_subset = None, ""  # the trial named last anywhere above: it holds until another trial is named
    in_contraindications = False
    for block in blocks:
        if block.paragraph != paragraph:
            paragraph, paragraph_trial, paragraph_analyses, subject, question = block.paragraph, None, set(), "", ""
            paragraph_subset = ""
        if block.kind == "heading":
            in_contraindications = bool(re.search(r"contraindication", block.text, re.IGNORECASE))
            if in_contraindications:
                continue
        elif in_contraindications and block.kind == "item":
            item = re.sub(r"^\s*[-*•]\s+", "", block.text).strip(" -*•")
            claims.append(Claim(block.line, item, "contraindication", location=block.location, detail={"item": item.strip(" .")}))
            continue
        heading_trials = names.trials_in(block.heading)
        for offset, sentence in sentences(block.text):
            if sentence.rstrip().endswith("?"):
                question = sentence.strip()
                continue  # a question states nothing; it is the context of its answer
            prefix = " ".join(p for p in (question, block.prefix) if p)
            composed = f"{prefix} {sentence}" if prefix else sentence
            named = names.trials_in(composed)
            unknown = not named and names.unknown_trial(sentence)
            if unknown:  # a trial the data do not know ends the context: its numbers are not another trial's
                carried = paragraph_trial = None
                heading_trials = []
            trial = named[-1] if named else None if unknown else paragraph_trial or (heading_trials[-1] if heading_trials else None) or carried
            trials = [trial] if trial else [] if unknown else names.trials_in_setting(composed)
            if not trial and len(trials) == 1:
                trial = trials[0]
            paragraph_trial = named[-1] if named else paragraph_trial
            carried = named[-1] if named else carried
            mentions = names.analysis_mentions(composed, [trial] if trial else trials)
            analyses = {key for _, key in mentions}
            paragraph_analyses = analyses or paragraph_analyses
            if WHO.search(sentence):
                subject = sentence.lower()
            context.line = block.line + block.text[:offset].count("\n")
            context.location = f"line {context.line}" if block.line and block.kind != "cell" else block.location
            context.trial, context.trials = trial, trials
            context.carried = bool(trial) and not named and trial != paragraph_trial and not (heading_trials and trial == heading_trials[-1])
            context.analyses = analyses or paragraph_analyses or names.analyses_named(block.heading, [trial] if trial else trials)
            context.mentions = mentions
            context.subject = subject if not WHO.search(sentence) else ""
            context.jurisdiction = names.jurisdiction(composed) or names.jurisdiction(block.heading)
            context.subset = paragraph_subset
            skip = len(prefix) + 1 if prefix else 0
            for claim in detect(composed, context):
                if claim.detail.get("at", skip) >= skip:
                    claims.append(claim)
            marker = names.subset_at(composed, len(composed))
            if marker is not None and not marker.startswith("?"):  # a held population carries on; an unknown subgroup is its sentence's only
                paragraph_subset = marker
        for m in re.finditer(r"\*\*Contraindications:\*\*\s*([^\n]+)", block.text):
            for item in re.split(r",\s*", m.group(1).strip(" .")):
                claims.append(Claim(block.line, block.text.strip(" -*"), "contraindication", location=block.location, detail={"item": item.strip(" .")}))
    return claims
