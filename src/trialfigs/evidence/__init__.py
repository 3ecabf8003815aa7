"""Stage 1, evidence: read, validate and load data/ and evidence/; vocabulary, selection, citations. Imports no matplotlib, papermill or pptx."""
