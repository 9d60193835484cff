"""The offline place index: a prebuilt grid of named places read without SciPy.

`index.py` reads `places.bin` (built by `scripts/build_gazetteer.py` from the
GeoNames data set; see README.md here for its source and licence) and answers
the exact nearest place to a position.
"""
