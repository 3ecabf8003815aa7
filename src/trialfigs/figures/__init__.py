"""One drawing module per figure kind: a tidy frame in, a matplotlib Figure out."""
