"""Stage 6, publish: exhibits, teaching order, gallery, values table, decks and export."""
