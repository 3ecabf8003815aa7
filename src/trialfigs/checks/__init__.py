"""Stage 5, checks: is reports/ current and does every figure show its data; they read reports/, never write."""
