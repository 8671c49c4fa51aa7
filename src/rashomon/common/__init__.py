"""Helpers any stage may use; they import nothing from the stages.

`encoder`: the sentence encoder (all-MiniLM-L6-v2 from a PyPI package, offline), texts in,
unit vectors out. `recent`: small bounded memories of recently decoded values. `heap`:
keeps Python's cycle collector off long-lived data during a long step.
"""
