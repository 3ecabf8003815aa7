"""Short and full citations from the CSL-JSON records of evidence/references.json."""

from __future__ import annotations


def _year(record: dict) -> str:
    try:
        return str(record["issued"]["date-parts"][0][0])
    except (KeyError, IndexError, TypeError):
        return "n.d."


def _first_author(record: dict) -> str:
    authors = record.get("author") or []
    if not authors:
        return record.get("publisher") or record.get("container-title") or record.get("id", "")
    first = authors[0]
    name = first.get("family") or first.get("literal", "")
    return f"{name} et al." if len(authors) > 1 and first.get("family") else name


def short(record: dict) -> str:
    """'Geyer et al., N Engl J Med 2025' or 'The ASCO Post' for a web page."""
    journal = record.get("container-title-short") or record.get("container-title")
    if record.get("type") == "article-journal":
        return f"{_first_author(record)}, {journal} {_year(record)}"
    if record.get("type") in {"webpage", "article-newspaper"}:
        return f"{record.get('container-title') or record.get('title')}"
    if record.get("type") == "dataset" and record.get("number"):
        return f"{record.get('publisher', '')} {record['number']}".strip()
    year = _year(record)
    if year == "n.d." and record.get("accessed"):  # a label read as currently published: say when it was read
        year = f"accessed {_accessed_year(record)}"
    return f"{record.get('title-short') or record.get('title', '')} ({year})"


def _accessed_year(record: dict) -> str:
    try:
        return str(record["accessed"]["date-parts"][0][0])
    except (KeyError, IndexError, TypeError):
        return "n.d."


def full(record: dict) -> str:
    """A Vancouver-style reference with DOI or URL."""
    authors = record.get("author") or []
    names = []
    for a in authors[:6]:
        if "literal" in a:
            names.append(a["literal"])
        else:
            initials = "".join(part[0] for part in a.get("given", "").replace("-", " ").replace(".", " ").split())
            names.append(f"{a.get('family', '')} {initials}{' ' + a['suffix'] if a.get('suffix') else ''}".strip())
    author_text = ", ".join(names) + (", et al." if len(authors) > 6 else "")
    parts = [author_text.rstrip(".") + "." if author_text else "", record.get("title", "").rstrip(".") + "."]
    if record.get("type") == "article-journal":
        journal = record.get("container-title-short") or record.get("container-title", "")
        issue = f"({record['issue']})" if record.get("issue") else ""
        where = f"{record.get('volume', '')}{issue}"  # only what was seen: no "2025;:." for a missing volume or page
        where += f":{record['page']}" if record.get("page") else ""
        parts.append(f"{journal}. {_year(record)}{';' + where if where else ''}.")
    elif record.get("container-title"):
        parts.append(f"{record['container-title']}.")
    parts.append(f"doi:{record['DOI']}" if record.get("DOI") else record.get("URL", ""))
    return " ".join(p for p in parts if p)
