"""The sentence encoder under its former name.

`rashomon.common.encoder` is where the encoder lives; this name is kept because the
shared evaluation scripts (ECB+'s `xdoc_eval.py`) import `rashomon.embeddings.embed`.
"""

from .common.encoder import embed

__all__ = ["embed"]
