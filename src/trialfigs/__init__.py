"""trialfigs: published T-DM1 trial results as tidy, cited, validated tables and figures."""

__version__ = "0.1.0"
